import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { getConversation } from '../../../src/main/core/store/conversations';
import { chatMembers } from '../../../src/main/core/store/chat-members';
import { migrateLocalStore } from '../../../src/main/core/store/migrate';
import { listMessagesPage } from '../../../src/main/core/store/messages';
import { toMessageViews } from '../../../src/main/core/store/message-extras';
import { applyEventsFrame } from '../../../src/main/core/sync/apply-events';
import { enqueueTagChange } from '../../../src/main/core/tags/enqueue-tag-change';
import { leadTags, tagAudit, tagMembers } from '../../../src/main/core/tags/lead-queries';
import { toConversationSummary } from '../../../src/main/core/views';
import { silentLog } from '../../../src/main/core/log';
import type { NewRelayEvent, RelayEvent } from '../../../src/shared/protocol';

/**
 * In a LINE group the customer is the member who wrote: the app lists a group's members, tags them (offline,
 * like any friend), refuses to tag the group itself, and the lead's views list those members as people.
 */
const GROUP = 'C0000000000000000000000000000cafe';
const GROUP_ID = `line:${GROUP}`;
const MEI = 'U00000000000000000000000000000mei';
const JUN = 'U00000000000000000000000000000jun';
const AMY = 'U00000000000000000000000000000amy';
const now = () => 1_800_000_000_000;

let db: Database.Database;
let seq = 0;
function apply(events: NewRelayEvent[]): void {
  const withSeq = events.map((event) => ({ ...event, seq: ++seq }) as RelayEvent);
  const outcome = applyEventsFrame(db, { events: withSeq, cursor: seq }, { now, log: silentLog });
  if (outcome.kind !== 'applied') throw new Error(JSON.stringify(outcome));
}
const conversation = (friendId: string, displayName: string): NewRelayEvent => ({
  type: 'conversation.upserted',
  conversationId: `line:${friendId}`,
  occurredAt: 1,
  payload: { channel: 'line', friendId, displayName, pictureUrl: null },
});
const line = (conversationId: string, messageId: string, at: number, senderId?: string): NewRelayEvent => ({
  type: 'message.received',
  conversationId,
  occurredAt: at,
  payload: { messageId, friendId: conversationId.slice(5), kind: 'text', text: `+${at}`, replyTokenReceivedAt: null, ...(senderId ? { senderId } : {}) },
});
const tagAdded = (friendId: string, tag: string, mutationId: string): NewRelayEvent => ({
  type: 'tag.added',
  occurredAt: 50,
  payload: { friendId, tag, mutationId, agentName: '小美', clientTime: 50 },
});

beforeEach(() => {
  db = new Database(':memory:');
  migrateLocalStore(db);
  seq = 0;
  apply([
    conversation(GROUP, '12月團購群'),
    conversation(AMY, '陳怡君'),
    line(GROUP_ID, 'g1', 10, MEI),
    line(GROUP_ID, 'g2', 20, JUN),
    line(GROUP_ID, 'g3', 30, MEI),
    { type: 'conversation.memberUpserted', conversationId: GROUP_ID, occurredAt: 31, payload: { memberId: MEI, displayName: '林美惠', pictureUrl: null } },
    { type: 'channel.event', conversationId: GROUP_ID, occurredAt: 40, payload: { channel: 'line', eventType: 'memberJoined', summary: '新成員加入了群組', details: { memberIds: [AMY] } } },
  ]);
});

describe('members of a LINE group as the people agents tag', () => {
  it('knows the group as a group and lists who wrote or joined, most recent first, named when known', () => {
    expect(toConversationSummary(getConversation(db, GROUP_ID)!, 0).chatType).toBe('group');
    expect(toConversationSummary(getConversation(db, `line:${AMY}`)!, 0).chatType).toBe('one_to_one');
    expect(chatMembers(db, GROUP_ID).map((m) => [m.memberId, m.displayName, m.lastSeenAt])).toEqual([
      [AMY, null, 40],
      [MEI, '林美惠', 30],
      [JUN, null, 20],
    ]);
    const senders = toMessageViews(db, GROUP_ID, listMessagesPage(db, { conversationId: GROUP_ID, limit: 10, before: null }).rows).map((m) => m.senderName);
    expect(senders).toEqual(['林美惠', null, '林美惠', null]); // the last line is the join event
  });

  it('tags a member (offline, shown at once), never the group; the relay’s events confirm it', () => {
    expect(enqueueTagChange(db, { friendId: GROUP, tag: 'VIP', type: 'tag.add' }, now)).toMatchObject({ ok: false, code: 'NOT_A_PERSON' });
    expect(enqueueTagChange(db, { friendId: MEI, tag: 'VIP', type: 'tag.add' }, now)).toEqual({ ok: true, tag: 'VIP' });
    expect(enqueueTagChange(db, { friendId: JUN, tag: '團購', type: 'tag.add' }, now)).toEqual({ ok: true, tag: '團購' });
    expect(enqueueTagChange(db, { friendId: 'U0000000000000000000000000nobody', tag: 'VIP', type: 'tag.add' }, now)).toMatchObject({ code: 'UNKNOWN_FRIEND' });
    expect(chatMembers(db, GROUP_ID).map((m) => [m.memberId, m.tags])).toEqual([
      [AMY, []],
      [MEI, ['VIP']],
      [JUN, ['團購']],
    ]);
    // A tag an older app put on the group itself can still be taken off.
    apply([tagAdded(GROUP, '舊標籤', 'legacy')]);
    expect(enqueueTagChange(db, { friendId: GROUP, tag: '舊標籤', type: 'tag.remove' }, now)).toMatchObject({ ok: true });
  });

  it('lists tagged members as people in the lead’s views: their name, the group they are in, counted as LINE', () => {
    apply([tagAdded(MEI, 'VIP', 'add-mei'), tagAdded(AMY, 'VIP', 'add-amy'), tagAdded(JUN, 'VIP', 'add-jun')]);
    const members = tagMembers(db, 'VIP');
    expect(members.map((m) => [m.friendId, m.displayName, m.conversationId, m.groupName])).toEqual([
      [MEI, '林美惠', GROUP_ID, '12月團購群'],
      [JUN, '成員 …0jun', GROUP_ID, '12月團購群'],
      [AMY, '陳怡君', `line:${AMY}`, null], // has a one-to-one chat (no message there yet)
    ]);
    expect(leadTags(db, now()).find((tag) => tag.name === 'VIP')).toMatchObject({ count: 3, channels: { line: 3, messenger: 0, instagram: 0, webchat: 0 } });
    expect(tagAudit(db, 'VIP', 10).map((entry) => entry.friendName)).toEqual([null, '陳怡君', '林美惠']);
  });
});
