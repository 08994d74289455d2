// `npm run dist`: builds the app and its installers for this operating system into dist/
// (`npm run dist -- --dir` only the unpacked app, for a quick check). Settings: electron-builder.config.ts.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { build } from 'electron-builder';
import { builderConfig, signingPlan } from '../electron-builder.config';

const rootDir = resolve(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

async function main(): Promise<void> {
  const dirOnly = process.argv.includes('--dir');
  const compiled = spawnSync(npm, ['run', 'build'], { cwd: rootDir, stdio: 'inherit', shell: process.platform === 'win32' });
  if (compiled.status !== 0) throw new Error('npm run build failed; see above.');
  console.log(`[dist] ${signingPlan(process.env).summary}`);
  const files = await build({ projectDir: rootDir, config: builderConfig(process.env), publish: 'never', ...(dirOnly ? { dir: true } : {}) });
  console.log(`[dist] Done. In ${resolve(rootDir, 'dist')}:`);
  for (const file of files) console.log(`  ${file}`);
}

main().catch((error: unknown) => {
  console.error(`[dist] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
