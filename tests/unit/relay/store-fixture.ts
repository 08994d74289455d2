import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TAIWAN_2023_PLANS } from '../../../src/shared/billing/plans';
import type { LineMessagingClient } from '../../../src/relay/channels/line/messaging-client';
import type { ReplySenderDeps } from '../../../src/relay/delivery/reply-sender';
import { createChannelSenders } from '../../../src/relay/delivery/channel-senders';
import { silentLogger } from '../../../src/relay/logger';
import type { RelayStore } from '../../../src/relay/store/relay-store';
import { SqliteRelayStore } from '../../../src/relay/store/sqlite-relay-store';
import type { ChannelSettings } from '../../../src/relay/store/sqlite-window-claims';
import { openTestRelayStore } from '../../support/relay-backend';

export interface TempStore {
  store: RelayStore;
  dataDir: string;
  dispose(): Promise<void>;
}

/**
 * A real relay store in a fresh temp directory: SQLite, or — when the same tests run in the integration-postgres
 * project — a fresh schema on its PostgreSQL server.
 */
export async function openTempStore(settings?: ChannelSettings): Promise<TempStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-unit-'));
  return tempStore(await openTestRelayStore(dataDir, settings), dataDir);
}

function tempStore(store: RelayStore, dataDir: string): TempStore {
  return {
    store,
    dataDir,
    async dispose() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A SQLite relay store, whatever backend the run uses: for tests of code above the store whose timing is that of a
 * store answering within the same turn (the agent feed's frame grouping).
 */
export function openTempSqliteStore(): TempStore {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-unit-'));
  return tempStore(SqliteRelayStore.open(dataDir), dataDir);
}

/** Delivery dependencies for unit tests: no shop rules, instant push retries, the default light plan. */
export function senderDeps(
  store: RelayStore,
  client: LineMessagingClient | null,
  now: () => number,
  overrides: Partial<ReplySenderDeps> = {},
): ReplySenderDeps {
  return {
    store,
    client,
    senders: createChannelSenders({ lineClient: client, logger: silentLogger }),
    now,
    logger: silentLogger,
    rules: [],
    push: { maxAttempts: 3, retryDelayMs: 0 },
    quota: { currentPlan: () => TAIWAN_2023_PLANS[0]!, pollSoon: () => undefined },
    ...overrides,
  };
}
