import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { freePort, ROOT_DIR, startTsx, waitFor, type RunningProcess } from '../../support/processes';
import { sqliteStorageEnv } from '../../support/relay-backend';
import { CHROMIUM_ARGS, findChromium } from '../../../scripts/lib/chromium';

/**
 * The pieces every end-to-end test starts the same way: the relay and the browser host as their own
 * processes, agent tokens through the CLI, Chromium, and signing in through the connection screen.
 */

export const SCREENS_DIR = resolve(ROOT_DIR, 'test-results', 'e2e');
const execFileAsync = promisify(execFile);

export interface RelayProcess {
  url: string;
  port: number;
  process: RunningProcess;
}

/** `npm run relay` with env vars only, on a free port, wired to a fake LINE platform. */
export async function startRelayProcess(options: {
  dataDir: string;
  channelSecret: string;
  channelAccessToken: string;
  lineApiBaseUrl: string;
  /** More relay settings (e.g. PAYMENT_WEBHOOK_SECRET). */
  env?: Record<string, string>;
  /** A fixed port, to restart a stopped relay where the desktop expects it; a free one when omitted. */
  port?: number;
}): Promise<RelayProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const process = startTsx('src/relay/cli/main.ts', {
    RELAY_HOST: '127.0.0.1',
    RELAY_PORT: String(port),
    RELAY_DATA_DIR: options.dataDir,
    LINE_CHANNEL_SECRET: options.channelSecret,
    LINE_CHANNEL_ACCESS_TOKEN: options.channelAccessToken,
    LINE_API_BASE_URL: options.lineApiBaseUrl,
    LINE_DATA_API_BASE_URL: options.lineApiBaseUrl,
    ...options.env,
  });
  await waitFor(async () => (await fetch(`${url}/healthz`)).ok, { timeoutMs: 30_000, what: 'relay /healthz' });
  return { url, port, process };
}

/** `npm run --silent relay -- token create …`: the token is the last line it prints. */
export async function createTokenWithCli(relayDataDir: string, name: string, role: 'agent' | 'lead'): Promise<string> {
  const tsx = resolve(ROOT_DIR, 'node_modules', '.bin', 'tsx');
  const { stdout } = await execFileAsync(tsx, ['src/relay/cli/main.ts', 'token', 'create', '--name', name, '--role', role], {
    cwd: ROOT_DIR,
    env: { ...process.env, ...sqliteStorageEnv(relayDataDir) },
  });
  return stdout.trim().split('\n').at(-1)!.trim();
}

export interface BrowserHostProcess {
  /** Includes the per-launch secret (#secret=…). */
  url: string;
  process: RunningProcess;
}

/** The desktop core + renderer served to the browser, as `npm start` runs it without Electron. */
export async function startBrowserHostProcess(dataDir: string): Promise<BrowserHostProcess> {
  const process = startTsx('src/main/browser-host/main.ts', { INBOX_DATA_DIR: dataDir, INBOX_HOST_PORT: '0' });
  const url = (await process.waitForLine(/Shop Inbox is running at (\S+)/))[1]!;
  return { url, process };
}

/** The system Chromium (installed by `npm test` where it can), headless; screenshots go to SCREENS_DIR. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: run `npm test` (it installs it) or set CHROMIUM_PATH');
  mkdirSync(SCREENS_DIR, { recursive: true });
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * Signs in on the connection screen and waits until the top bar shows the agent. The inbox opens on `view`:
 * 全部 / All unless a test asks for another (the app's own first view is 需回覆 / Needs reply).
 */
export async function signInThroughUi(
  page: Page,
  input: { appUrl: string; relayUrl: string; token: string; agentName: string; view?: 'needs_reply' | 'mine' | 'unassigned' | 'all' | 'done' },
): Promise<void> {
  await page.goto(input.appUrl);
  await page.evaluate((view) => localStorage.setItem('shop-inbox.view', view), input.view ?? 'all');
  await page.getByPlaceholder('https://relay.your-shop.tw').fill(input.relayUrl);
  await page.locator('input[type="password"]').fill(input.token);
  await page.getByRole('button', { name: '連線', exact: true }).click();
  await expect.poll(() => page.locator('.topbar').textContent(), { timeout: 15_000 }).toContain(input.agentName);
}

export function screenshotPath(name: string): string {
  return join(SCREENS_DIR, name);
}

export interface LineStack {
  workDir: string;
  fakeLine: import('../../../src/demo/fake-line').FakeLine;
  relay: RelayProcess;
  host: BrowserHostProcess;
  /** An agent token of 小美 (role agent). */
  token: string;
  browser: Browser;
  close(): Promise<void>;
}

/** The fake LINE, the relay process wired to it, an agent token, the browser host and Chromium, in a temp folder. */
export async function startLineStack(options: { channelSecret: string; channelAccessToken: string; env?: Record<string, string> }): Promise<LineStack> {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { startFakeLine } = await import('../../../src/demo/fake-line');
  const workDir = mkdtempSync(join(tmpdir(), 'inbox-e2e-line-'));
  const fakeLine = await startFakeLine({ channelAccessToken: options.channelAccessToken });
  const relay = await startRelayProcess({
    dataDir: join(workDir, 'relay'),
    channelSecret: options.channelSecret,
    channelAccessToken: options.channelAccessToken,
    lineApiBaseUrl: fakeLine.url,
    ...(options.env ? { env: options.env } : {}),
  });
  const token = await createTokenWithCli(join(workDir, 'relay'), '小美', 'agent');
  const host = await startBrowserHostProcess(join(workDir, 'desktop'));
  const browser = await launchChromium();
  return {
    workDir,
    fakeLine,
    relay,
    host,
    token,
    browser,
    async close() {
      await browser.close();
      await host.process.stop();
      await relay.process.stop();
      await fakeLine.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
