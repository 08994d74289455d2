import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackBody, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../fakes/fake-line';
import { freePort, ROOT_DIR, startTsx, waitFor, type RunningProcess } from '../support/processes';
import { CHROMIUM_ARGS, findChromium } from './support/chromium';

/**
 * The whole path with real processes: a LINE webhook enters the relay (its own process, real port, SQLite
 * file), reaches the desktop core of the browser host (another process, its own SQLite store), shows in
 * the inbox in Chromium; the agent answers and the fake LINE platform receives a free reply with the
 * customer's reply token.
 */

const CHANNEL_SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const CHANNEL_ACCESS_TOKEN = 'e2e-channel-access-token';
const CUSTOMER = 'U' + 'e2e0'.padEnd(32, '7');
const SCREENS_DIR = resolve(ROOT_DIR, 'test-results', 'e2e');
const execFileAsync = promisify(execFile);

let workDir: string;
let fakeLine: FakeLine;
let relay: RunningProcess;
let host: RunningProcess;
let relayUrl: string;
let agentToken: string;
let appUrl: string;
let browser: Browser;

async function createToken(): Promise<string> {
  const tsx = resolve(ROOT_DIR, 'node_modules', '.bin', 'tsx');
  const { stdout } = await execFileAsync(
    tsx,
    ['src/relay/cli/main.ts', 'token', 'create', '--name', '小美', '--role', 'agent'],
    { cwd: ROOT_DIR, env: { ...process.env, RELAY_DATA_DIR: join(workDir, 'relay') } },
  );
  return stdout.trim().split('\n').at(-1)!.trim();
}

beforeAll(async () => {
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error('Chromium not found: run `npm test` (it installs it) or set CHROMIUM_PATH');
  workDir = mkdtempSync(join(tmpdir(), 'inbox-e2e-'));
  fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
  fakeLine.setProfile(CUSTOMER, { displayName: '陳怡君' });

  const relayPort = await freePort();
  relayUrl = `http://127.0.0.1:${relayPort}`;
  relay = startTsx('src/relay/cli/main.ts', {
    RELAY_HOST: '127.0.0.1',
    RELAY_PORT: String(relayPort),
    RELAY_DATA_DIR: join(workDir, 'relay'),
    LINE_CHANNEL_SECRET: CHANNEL_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
    LINE_API_BASE_URL: fakeLine.url,
  });
  await waitFor(async () => (await fetch(`${relayUrl}/healthz`)).ok, { timeoutMs: 30_000, what: 'relay /healthz' });
  agentToken = await createToken();

  host = startTsx('src/main/browser-host/main.ts', {
    INBOX_DATA_DIR: join(workDir, 'desktop'),
    INBOX_HOST_PORT: '0',
  });
  appUrl = (await host.waitForLine(/Shop Inbox is running at (\S+)/))[1]!;
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  mkdirSync(SCREENS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await relay?.stop();
  await fakeLine?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function signIn(page: Page): Promise<void> {
  await page.goto(appUrl);
  await page.getByPlaceholder('https://relay.your-shop.tw').fill(relayUrl);
  await page.locator('input[type="password"]').fill(agentToken);
  await page.getByRole('button', { name: '連線', exact: true }).click();
  await expect.poll(() => page.locator('.topbar').textContent(), { timeout: 15_000 }).toContain('小美');
}

describe('live inbox through relay, desktop core and browser host', () => {
  it('shows a customer LINE message live and delivers the agent reply free with its reply token', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page);

    const replyToken = fakeLine.issueReplyToken();
    const webhook = await postLineWebhook(
      relayUrl,
      CHANNEL_SECRET,
      callbackBody('U' + 'b0'.padEnd(32, '0'), [
        textMessageEvent({ userId: CUSTOMER, text: '請問這件碎花洋裝還有M號嗎？', replyToken }),
      ]),
    );
    expect(webhook.status).toBe(200);

    // The friend's LINE profile name replaces the placeholder, and the message shows in the list.
    const row = page.locator('.conversation-row', { hasText: '陳怡君' });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('請問這件碎花洋裝還有M號嗎？');
    await row.click();
    await expect.poll(() => page.locator('.window-status').textContent()).toMatch(/免費回覆剩 0:[0-5]\d/);

    const answer = '有的！M號還有 2 件，今天下單明天出貨 😊';
    await page.locator('textarea[data-composer]').fill(answer);
    await page.locator('textarea[data-composer]').press('Enter');

    const reply = await waitFor(() => fakeLine.replies().find((r) => r.status === 200), {
      timeoutMs: 15_000,
      what: 'a reply at the fake LINE platform',
    });
    expect(reply.body).toMatchObject({ replyToken, messages: [{ type: 'text', text: answer }] });
    expect(reply.headers.authorization).toBe(`Bearer ${CHANNEL_ACCESS_TOKEN}`);
    expect(fakeLine.pushes()).toHaveLength(0);

    const sent = page.locator('.message-out', { hasText: answer }).locator('.badge');
    await expect.poll(() => sent.textContent(), { timeout: 15_000 }).toContain('已送出・免費');
    await expect.poll(() => page.locator('.window-status').textContent()).toContain('免費回覆時間已過');
    await page.screenshot({ path: join(SCREENS_DIR, 'live-reply.png') });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('shows a clear error for a wrong agent token and stays on the connection screen', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(appUrl);
    // The first test left this host signed in (the session survives a reload); sign out.
    await page.locator('.topbar').getByRole('button', { name: '登出' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '登出' }).click();
    await page.getByPlaceholder('https://relay.your-shop.tw').fill(relayUrl);
    await page.locator('input[type="password"]').fill('sia_not-a-real-token');
    await page.getByRole('button', { name: '連線', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('權杖無效或已被停用');
    await page.close();
  });
});
