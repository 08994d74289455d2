/**
 * One cold start, measured from this process's start: load the core, open the store at argv[2] (a copy,
 * so the cached benchmark store is never written), answer the first `inbox:list`. Prints "COLD total core".
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

async function main(): Promise<void> {
  const source = process.argv[2];
  if (!source) throw new Error('usage: cold-start-child.ts STORE_DIR');
  const copyStarted = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  cpSync(source, dataDir, { recursive: true });
  const copyDone = performance.now();
  const { createCore, createMemoryCredentialStore, silentLog } = await import('../../src/main/core');
  const coreStarted = performance.now();
  const core = await createCore({ dataDir, credentials: createMemoryCredentialStore(), log: silentLog });
  const page = await core.handle('inbox:list', { limit: 50, before: null });
  const done = performance.now();
  if (page.conversations.length !== 50) throw new Error('first inbox page is not full');
  await core.close();
  rmSync(dataDir, { recursive: true, force: true });
  // The copy is set-up, not start-up: subtract it from the process total.
  process.stdout.write(`COLD ${(done - (copyDone - copyStarted)).toFixed(1)} ${(done - coreStarted).toFixed(1)}\n`);
}

void main();
