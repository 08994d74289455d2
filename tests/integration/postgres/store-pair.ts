import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RelayStore } from '../../../src/relay/store/relay-store';
import { openTestRelayStore } from '../../support/relay-backend';

const POOL_SIZE = 10;

/**
 * Two stores on one PostgreSQL schema, each with its own connection pool — what two relay processes are to the
 * database (and the folder naming their schema, for reading it directly). Every pooled connection is opened first (authenticating one takes a while), so operations raced through
 * them really run at the same moment instead of one after another as their connections come up.
 */
export async function openStorePair(): Promise<[RelayStore, RelayStore, string]> {
  // On PostgreSQL the folder only names the schema (nothing is written there).
  const dataDir = join(tmpdir(), `relay-pg-pair-${randomUUID()}`);
  const pair = await Promise.all([openTestRelayStore(dataDir), openTestRelayStore(dataDir)]);
  await Promise.all(pair.flatMap((store) => Array.from({ length: POOL_SIZE }, () => store.readEvents(0, 1))));
  return [...pair, dataDir];
}
