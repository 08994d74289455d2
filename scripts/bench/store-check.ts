/**
 * What checking the local store on open costs at scale (100,000 conversations / 1,000,000 messages,
 * large-store.ts): PRAGMA quick_check against PRAGMA integrity_check, each on a freshly opened
 * connection (as at app start; the OS file cache is warm after the first round).
 */
import { statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { localDatabasePath } from '../../src/main/core/store/database';
import { largeStoreDir } from './large-store';
import { heading, ms, nowMs } from './stats';

const ROUNDS = 3;

function timeCheck(file: string, pragma: 'quick_check' | 'integrity_check'): number[] {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const db = new Database(file, { readonly: true });
    const started = nowMs();
    const result = db.pragma(pragma, { simple: true });
    samples.push(nowMs() - started);
    db.close();
    if (result !== 'ok') throw new Error(`${pragma} did not answer ok: ${String(result)}`);
  }
  return samples;
}

export function runStoreCheckBench(): void {
  heading('local store check on open: 100,000 conversations / 1,000,000 messages');
  const file = localDatabasePath(largeStoreDir());
  console.log(`store file: ${(statSync(file).size / 1024 / 1024).toFixed(0)} MiB`);
  for (const pragma of ['quick_check', 'integrity_check'] as const) {
    const samples = timeCheck(file, pragma);
    console.log(`${pragma}: ${samples.map(ms).join(' / ')}`);
  }
}

if (require.main === module) runStoreCheckBench();
