import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteRelayStore } from '../../../src/relay/store/sqlite-relay-store';

/** A real SQLite relay store in a fresh temp directory. */
export function openTempStore() {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-unit-'));
  const store = SqliteRelayStore.open(dataDir);
  return {
    store,
    dataDir,
    dispose() {
      store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
