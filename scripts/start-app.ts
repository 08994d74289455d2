// `npm start`: builds the app, starts the demo relay when no LINE credentials are set, then opens the app
// in Electron — or, where no Electron binary can be had, in the browser host with the same core and UI.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCore } from '../src/main/core';
import { createFileCredentialStore } from '../src/main/core/session/file-credential-store';
import { startBrowserHost } from '../src/main/browser-host/server';
import { startDemo, type Demo } from '../src/demo/start-demo';
import { generateIcons } from './generate-icons';

const rootDir = resolve(__dirname, '..');
const args = new Set(process.argv.slice(2));
const dataDir = resolve(process.env.INBOX_DATA_DIR ?? join(rootDir, '.data'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function log(line: string): void {
  console.log(`[shop-inbox] ${line}`);
}

function build(): void {
  log('Building the app…');
  const result = spawnSync(npx, ['electron-vite', 'build'], { cwd: rootDir, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error('The build failed; see the output above.');
  // The tray, taskbar and window icons of the Electron app.
  generateIcons();
}

/** Path of the Electron executable when it is installed, else null. */
function electronBinary(): string | null {
  const pathFile = join(rootDir, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(rootDir, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/** Electron downloads its binary on first use; try once, quietly accept failure (offline machines). */
function ensureElectron(): string | null {
  const found = electronBinary();
  if (found || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return found;
  log('Fetching the Electron runtime…');
  spawnSync(npx, ['install-electron'], { cwd: rootDir, stdio: 'ignore', timeout: 180_000, shell: process.platform === 'win32' });
  return electronBinary();
}

async function startDemoIfNeeded(): Promise<Demo | null> {
  if (process.env.LINE_CHANNEL_SECRET && process.env.LINE_CHANNEL_ACCESS_TOKEN) {
    log('LINE credentials found: no demo. Start your relay with `npm run relay` and sign in with an agent token.');
    return null;
  }
  const demo = await startDemo({ rootDir, dataDir: join(dataDir, 'demo'), log });
  log(`Demo relay with simulated LINE, Messenger, Instagram and web-chat customers of ${demo.shopName} at ${demo.relayUrl}`);
  log(`Demo shop page with the web-chat widget: ${demo.shopPageUrl}`);
  return demo;
}

function openInBrowser(url: string): void {
  if (args.has('--no-open') || process.env.CI) return;
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

async function runElectron(binary: string, demo: Demo | null): Promise<void> {
  log('Opening the desktop app…');
  const child = spawn(binary, [rootDir], {
    stdio: 'inherit',
    env: {
      ...process.env,
      INBOX_DATA_DIR: join(dataDir, 'desktop'),
      ...(demo ? { DEMO_RELAY_URL: demo.relayUrl, DEMO_AGENT_TOKEN: demo.agentToken, DEMO_AGENT_ROLE_TOKEN: demo.agentRoleToken } : {}),
    },
  });
  await new Promise<void>((done) => child.on('exit', () => done()));
}

async function runBrowserHost(demo: Demo | null): Promise<() => Promise<void>> {
  const desktopDir = join(dataDir, 'desktop');
  const core = await createCore({
    dataDir: desktopDir,
    credentials: createFileCredentialStore(desktopDir),
    demo: demo ? { relayUrl: demo.relayUrl, token: demo.agentToken } : null,
    demoAgent: demo ? { relayUrl: demo.relayUrl, token: demo.agentRoleToken } : null,
  });
  const host = await startBrowserHost({
    core,
    rendererDir: join(rootDir, 'out', 'renderer'),
    port: Number(process.env.INBOX_HOST_PORT ?? 0),
    host: '127.0.0.1',
  });
  console.log(`Shop Inbox is running at ${host.url}`);
  log('Open that address in Chrome, Edge or Firefox. Press Ctrl+C to stop.');
  openInBrowser(host.url);
  return async () => {
    await host.close();
    await core.close();
  };
}

async function main(): Promise<void> {
  if (!args.has('--no-build')) build();
  const demo = await startDemoIfNeeded();
  const binary = args.has('--browser') ? null : ensureElectron();
  if (binary) {
    await runElectron(binary, demo);
    await demo?.close();
    return;
  }
  if (!args.has('--browser')) {
    log('No Electron runtime on this machine (it could not be downloaded): opening the browser host instead.');
  }
  const stopHost = await runBrowserHost(demo);
  const shutdown = async (): Promise<void> => {
    await stopHost();
    await demo?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(`[shop-inbox] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
