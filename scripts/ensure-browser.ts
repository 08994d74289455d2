// Makes sure the browser the end-to-end tests drive is present: Chromium plus CJK fonts (without them
// Chinese renders as boxes in screenshots). Installs them with apt-get when it can, otherwise explains.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './lib/chromium';

function hasCjkFont(): boolean {
  try {
    return /Noto Sans CJK|Noto Sans TC|PingFang|JhengHei/i.test(execFileSync('fc-list', { encoding: 'utf8' }));
  } catch {
    return process.platform !== 'linux'; // macOS and Windows ship CJK fonts
  }
}

const missing: string[] = [];
if (!findChromium()) missing.push('chromium');
if (!hasCjkFont()) missing.push('fonts-noto-cjk');

if (missing.length > 0) {
  const canApt = process.platform === 'linux' && existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
  if (!canApt) {
    console.error(
      `End-to-end tests need ${missing.join(' and ')}. Install them (Debian/Ubuntu: ` +
        `apt-get install -y ${missing.join(' ')}) or set CHROMIUM_PATH to a Chromium/Chrome executable.`,
    );
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...missing]]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(' ')} failed`);
      process.exit(1);
    }
  }
}
