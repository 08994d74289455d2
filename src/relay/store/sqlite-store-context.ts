import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { RelayEvent } from '../../shared/protocol';
import { openRelayDatabase } from './database';
import type { RelayStorePart } from './relay-store-parts';
import { createSqliteWebchatStore } from './sqlite-webchat';
import { setChannelSettings, type ChannelSettings } from './sqlite-window-claims';

/** What every part of the SQLite store works through: its one connection and the transactions on it. */
export interface SqliteStoreContext {
  readonly db: Database.Database;
  /** Runs `work` in one IMMEDIATE transaction (takes the write lock up front, so no upgrade deadlock). */
  write<T>(work: () => T): T;
  /** One transaction whose appended events are announced to this process's listeners after the commit. */
  writeAndNotify<T>(work: () => { result: T; appended: RelayEvent[] }): T;
  /** Like writeAndNotify for work whose result is the events it appended. */
  writeEvents(work: () => RelayEvent[]): RelayEvent[];
  /** Announces the events a committed transaction appended to this process's listeners. */
  notify(appended: readonly RelayEvent[]): void;
}

/**
 * Opens the embedded relay store's file — one SQLite file (WAL) that several relay processes may share — and
 * makes its core: the relay id, web chat visitors, this process's listeners of appended events, and closing.
 */
export function openSqliteStoreContext(
  dataDir: string,
  settings: ChannelSettings,
): { context: SqliteStoreContext; core: RelayStorePart<'core'> } {
  const db = openRelayDatabase(dataDir);
  setChannelSettings(db, settings);
  const listeners = new Set<(headSeq: number) => void>();

  const write = <T>(work: () => T): T => db.transaction(work).immediate();
  const notify = (appended: readonly RelayEvent[]): void => {
    const last = appended[appended.length - 1];
    if (!last) return;
    for (const listener of listeners) listener(last.seq);
  };
  const writeAndNotify = <T>(work: () => { result: T; appended: RelayEvent[] }): T => {
    const { result, appended } = write(work);
    notify(appended);
    return result;
  };
  const writeEvents = (work: () => RelayEvent[]): RelayEvent[] =>
    writeAndNotify(() => {
      const appended = work();
      return { result: appended, appended };
    });

  const relayId = write(() => {
    db.prepare(`INSERT OR IGNORE INTO relay_meta (key, value) VALUES ('relay_id', ?)`).run(randomUUID());
    return (db.prepare(`SELECT value FROM relay_meta WHERE key = 'relay_id'`).get() as { value: string }).value;
  });
  return {
    context: { db, write, writeAndNotify, writeEvents, notify },
    core: {
      relayId,
      webchat: createSqliteWebchatStore(db),
      onEventsAppended(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      async close() {
        listeners.clear();
        if (db.open) db.close();
      },
    },
  };
}
