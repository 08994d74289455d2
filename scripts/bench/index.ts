/**
 * `npm run bench`: every benchmark, each in its own process so one's heap and caches do not colour the
 * next. Each prints its figures and ratios against a baseline measured in the same run. Loopback only.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const BENCHES = [
  'scripts/bench/sync-apply.ts',
  'scripts/bench/relay-ingest.ts',
  'scripts/bench/relay-backends.ts',
  'scripts/bench/local-store.ts',
  'scripts/bench/store-check.ts',
  'scripts/bench/suggestions.ts',
  'scripts/bench/product-search.ts',
];

const started = Date.now();
let failed = 0;
for (const script of BENCHES) {
  const run = spawnSync(resolve(ROOT, 'node_modules', '.bin', 'tsx'), [script], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) {
    failed += 1;
    console.error(`${script} failed (exit ${run.status ?? run.signal})`);
  }
}
console.log(`\nall benchmarks: ${((Date.now() - started) / 1000).toFixed(0)} s${failed ? `, ${failed} failed` : ''}`);
process.exitCode = failed ? 1 : 0;
