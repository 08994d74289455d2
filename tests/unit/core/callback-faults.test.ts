import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLog } from '../../../src/main/core';
import { OutboxFlusher } from '../../../src/main/core/outbox/outbox-flusher';
import type { LocalDatabase } from '../../../src/main/core/store/database';
import { openPlaceholderStore } from '../../../src/main/core/store/store-damage';
import { SyncEngine } from '../../../src/main/core/sync/sync-engine';
import { waitFor } from '../../support/processes';
import { DEFAULT_TOKEN, conversationUpserted, startFakeRelay } from './support/fake-relay';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Records what would crash the app: an exception or rejection nobody caught. */
function watchUncaught(): unknown[] {
  const escaped: unknown[] = [];
  const onError = (error: unknown): void => void escaped.push(error);
  process.on('uncaughtException', onError);
  process.on('unhandledRejection', onError);
  cleanups.push(() => {
    process.off('uncaughtException', onError);
    process.off('unhandledRejection', onError);
  });
  return escaped;
}

describe('store errors inside sync and outbox callbacks', () => {
  it('a SqliteError in a socket handler, the frame queue, the handshake or the flusher is caught, reported and shown', async () => {
    const escaped = watchUncaught();
    const fake = await startFakeRelay();
    cleanups.push(() => fake.close());
    const healthy = openPlaceholderStore();
    cleanups.push(() => void healthy.close());
    let broken = false;
    const db = (): LocalDatabase => {
      if (broken) throw new Database.SqliteError('database disk image is malformed', 'SQLITE_CORRUPT');
      return healthy;
    };
    const faults: unknown[] = [];
    const engine = new SyncEngine({
      relayUrl: fake.url,
      token: DEFAULT_TOKEN,
      db,
      now: Date.now,
      log: silentLog,
      onChange: () => undefined,
      onHello: () => undefined,
      onOnline: () => undefined,
      onFault: (error) => faults.push(error),
    });
    const flusher = new OutboxFlusher({
      db,
      send: (mutation) => engine.sendMutation(mutation),
      isOnline: () => engine.isOnline(),
      now: Date.now,
      log: silentLog,
      onChange: () => undefined,
      onFault: (error) => faults.push(error),
    });
    cleanups.push(() => {
      flusher.stop();
      engine.stop();
    });
    engine.start();
    await waitFor(() => engine.isOnline(), { what: 'online' });

    broken = true;
    fake.append(conversationUpserted('Uchen', '陳小姐')); // a live events frame
    await waitFor(() => faults.length >= 1, { what: 'the events fault' });
    flusher.kick();
    await waitFor(() => faults.length >= 2, { what: 'the outbox fault' });
    fake.disconnectAll(); // the reconnect's handshake reads the cursor, then hello writes the relay id
    await waitFor(() => faults.length >= 4, { what: 'the handshake and hello faults' });

    expect(faults.every((fault) => fault instanceof Database.SqliteError && fault.code === 'SQLITE_CORRUPT')).toBe(true);
    expect(engine.status().lastError).toMatch(/malformed/);
    expect(escaped).toEqual([]);
  });
});
