import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { upsertConversation } from '../../../src/main/core/store/conversations';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { resetSyncedDataKeepingOutbox } from '../../../src/main/core/store/reset';
import { applyEventsFrame } from '../../../src/main/core/sync/apply-events';
import { enqueueTagChange } from '../../../src/main/core/tags/enqueue-tag-change';
import { forgetSyncedTags, visibleTagsOf } from '../../../src/main/core/tags/friend-tags';
import { silentLog } from '../../../src/main/core/log';
import type { NewRelayEvent } from '../../../src/shared/protocol';

/**
 * A relay restored from an older backup: its log has other events under the same seqs. The app resyncs from
 * seq 0; the tags it shows afterwards must be exactly the new log's (plus its own queued changes), and the
 * audit trail must hold the new log's rows, not the old ones that happened to share a seq.
 */
let db: Database.Database;
const now = () => 1_800_000_000_000;

const tagAdded = (friendId: string, tag: string, mutationId: string): NewRelayEvent => ({
  type: 'tag.added',
  occurredAt: now(),
  payload: { friendId, tag, mutationId, agentName: '小美', clientTime: now() },
});

function applyLog(events: NewRelayEvent[]): void {
  const withSeq = events.map((event, index) => ({ ...event, seq: index + 1 }));
  const outcome = applyEventsFrame(db, { events: withSeq, cursor: withSeq.length }, { now, log: silentLog });
  if (outcome.kind !== 'applied') throw new Error(JSON.stringify(outcome));
}

const names = (friendId: string) => visibleTagsOf(db, friendId).map((tag) => `${tag.name}${tag.pending ? '*' : ''}`);
const audit = () => db.prepare('SELECT seq, tag FROM tag_audit ORDER BY seq').all();

beforeEach(() => {
  db = new Database(':memory:');
  migrateLocalStore(db);
  upsertConversation(db, { id: 'line:Uwang', channel: 'line', friendId: 'Uwang', displayName: '王小姐', pictureUrl: null }, 0);
});

describe('tags after a resync from the start', () => {
  it('shows the new log’s tags and this app’s queued change, and audits the new log', () => {
    applyLog([tagAdded('Uwang', 'VIP', 'm-old-1'), tagAdded('Uwang', '退貨中', 'm-old-2')]);
    expect(names('Uwang')).toEqual(['VIP', '退貨中']);
    expect(enqueueTagChange(db, { friendId: 'Uwang', tag: '已下單', type: 'tag.add' }, now)).toMatchObject({ ok: true });

    db.transaction(() => {
      resetSyncedDataKeepingOutbox(db);
      forgetSyncedTags(db);
    })();
    expect(names('Uwang')).toEqual(['已下單*']);
    expect(audit()).toEqual([]);

    upsertConversation(db, { id: 'line:Uwang', channel: 'line', friendId: 'Uwang', displayName: '王小姐', pictureUrl: null }, 0);
    applyLog([tagAdded('Uwang', '詢問補貨', 'm-new-1')]);
    expect(names('Uwang')).toEqual(['詢問補貨', '已下單*']);
    expect(audit()).toEqual([{ seq: 1, tag: '詢問補貨' }]);
  });
});
