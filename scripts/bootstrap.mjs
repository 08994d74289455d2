// Entry point of `npm start` and `npm test` on a fresh clone.
// It runs on whatever Node the machine has (it may be older than the project's Node 24), so it stays
// plain JavaScript with no dependencies: install when needed, then hand over to the real script, which
// `npm run` starts with the project's own Node 24 from node_modules/.bin.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const command = process.argv[2];
const targets = { start: 'app', test: 'test:all' };

if (!targets[command]) {
  console.error(`usage: node scripts/bootstrap.mjs <${Object.keys(targets).join('|')}> [args…]`);
  process.exit(2);
}

function run(args, extraEnv = {}) {
  const result = spawnSync(npm, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...extraEnv },
    shell: process.platform === 'win32',
  });
  return result.status ?? 1;
}

/** node_modules is current when npm's own record of the tree is newer than the lockfile. */
function dependenciesAreCurrent() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  const projectNode = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');
  if (!existsSync(installed) || !existsSync(projectNode)) return false;
  return !existsSync(lock) || statSync(installed).mtimeMs >= statSync(lock).mtimeMs;
}

if (!dependenciesAreCurrent()) {
  console.log('Installing dependencies (first run, or package-lock.json changed)…');
  const installArgs = existsSync(join(root, 'package-lock.json')) ? ['ci'] : ['install'];
  if (run(installArgs) !== 0) {
    console.error('Dependency installation failed; see the npm output above.');
    process.exit(1);
  }
}

process.exit(run(['run', '--silent', targets[command], '--', ...process.argv.slice(3)]));
