import { join } from 'node:path';
import { openLocalDatabase, type LocalDatabase } from '../../../src/main/core/store/database';
import { getCursor } from '../../../src/main/core/store/meta';
import { countPendingOutbox, listOutbox } from '../../../src/main/core/store/outbox';
import { OutboxFlusher } from '../../../src/main/core/outbox/outbox-flusher';
import { SyncEngine } from '../../../src/main/core/sync/sync-engine';
import { silentLog } from '../../../src/main/core/log';
import { enqueueTagChange, type TagChangeResult } from '../../../src/main/core/tags/enqueue-tag-change';
import { visibleTagsOf } from '../../../src/main/core/tags/friend-tags';
import type { RunningRelay } from '../../../src/relay/server';
import { waitFor } from '../../support/processes';

/**
 * One desktop client made of the core's real parts — its local SQLite store, sync engine and outbox
 * flusher — that can be taken offline (no socket at all) and brought back online against a real relay.
 */
export class TagClient {
  readonly db: LocalDatabase;
  /** Ids of the tag.add mutations this client queued. */
  readonly addIds: string[] = [];
  readonly removeIds: string[] = [];
  /** Largest number of tags any friend showed at any moment, also mid-sync (checked after every applied page and ack). */
  maxVisibleTags = 0;
  private online: { engine: SyncEngine; flusher: OutboxFlusher } | null = null;

  constructor(
    readonly name: string,
    dir: string,
    private readonly relay: RunningRelay,
    private readonly token: string,
  ) {
    this.db = openLocalDatabase(join(dir, name));
  }

  change(type: 'tag.add' | 'tag.remove', friendId: string, tag: string): TagChangeResult {
    const before = new Set(listOutbox(this.db).map((row) => row.id));
    const result = enqueueTagChange(this.db, { type, friendId, tag }, Date.now);
    const queued = listOutbox(this.db).filter((row) => !before.has(row.id)).map((row) => row.id);
    (type === 'tag.add' ? this.addIds : this.removeIds).push(...queued);
    return result;
  }

  tagsOf(friendId: string): string[] {
    return visibleTagsOf(this.db, friendId)
      .map((tag) => tag.name)
      .sort();
  }

  private observeCap(): void {
    const rows = this.db.prepare('SELECT COUNT(*) AS n FROM friend_tags GROUP BY friend_id').all() as { n: number }[];
    this.maxVisibleTags = Math.max(this.maxVisibleTags, ...rows.map((row) => row.n));
  }

  rejectedIds(): string[] {
    return (this.db.prepare('SELECT mutation_id FROM tag_rejections').all() as { mutation_id: string }[]).map((row) => row.mutation_id);
  }

  /** Connects, sends every queued change, applies the relay's log up to its head, disconnects. */
  async sync(): Promise<void> {
    const db = () => this.db;
    let flusher: OutboxFlusher | null = null;
    const engine = new SyncEngine({
      relayUrl: this.relay.url,
      token: this.token,
      db,
      now: Date.now,
      log: silentLog,
      onChange: () => this.observeCap(),
      onHello: () => {},
      onOnline: () => flusher?.kick(),
    });
    flusher = new OutboxFlusher({ db, send: (mutation) => engine.sendMutation(mutation), isOnline: () => engine.isOnline(), now: Date.now, log: silentLog, onChange: () => this.observeCap() });
    this.online = { engine, flusher };
    engine.start();
    try {
      await waitFor(
        async () => countPendingOutbox(this.db) === 0 && getCursor(this.db) === await this.relay.store.headSeq(),
        { timeoutMs: 15_000, what: `${this.name} to flush its outbox and catch up` },
      );
    } finally {
      flusher.stop();
      await flusher.idle();
      engine.stop();
      this.online = null;
    }
  }

  close(): void {
    this.online?.flusher.stop();
    this.online?.engine.stop();
    this.db.close();
  }
}
