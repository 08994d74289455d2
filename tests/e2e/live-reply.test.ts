import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackBody, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../../src/demo/fake-line';
import { waitFor } from '../support/processes';
import {
  createTokenWithCli,
  launchChromium,
  screenshotPath,
  signInThroughUi,
  startBrowserHostProcess,
  startRelayProcess,
  type BrowserHostProcess,
  type RelayProcess,
} from './support/live-stack';

/**
 * The whole path with real processes: a LINE webhook enters the relay (its own process, real port, SQLite
 * file), reaches the desktop core of the browser host (another process, its own SQLite store), shows in
 * the inbox in Chromium; the agent answers and the fake LINE platform receives a free reply with the
 * customer's reply token.
 */

const CHANNEL_SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const CHANNEL_ACCESS_TOKEN = 'e2e-channel-access-token';
const CUSTOMER = 'U' + 'e2e0'.padEnd(32, '7');

let workDir: string;
let fakeLine: FakeLine;
let relay: RelayProcess;
let host: BrowserHostProcess;
let agentToken: string;
let browser: Browser;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'inbox-e2e-'));
  fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
  fakeLine.setProfile(CUSTOMER, { displayName: '陳怡君' });
  relay = await startRelayProcess({
    dataDir: join(workDir, 'relay'),
    channelSecret: CHANNEL_SECRET,
    channelAccessToken: CHANNEL_ACCESS_TOKEN,
    lineApiBaseUrl: fakeLine.url,
  });
  agentToken = await createTokenWithCli(join(workDir, 'relay'), '小美', 'agent');
  host = await startBrowserHostProcess(join(workDir, 'desktop'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.process.stop();
  await relay?.process.stop();
  await fakeLine?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function signIn(page: Page): Promise<void> {
  await signInThroughUi(page, { appUrl: host.url, relayUrl: relay.url, token: agentToken, agentName: '小美' });
}

describe('live inbox through relay, desktop core and browser host', () => {
  it('shows a customer LINE message live and delivers the agent reply free with its reply token', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page);

    const replyToken = fakeLine.issueReplyToken();
    const webhook = await postLineWebhook(
      relay.url,
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
    await page.screenshot({ path: screenshotPath('live-reply.png') });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('shows a clear error for a wrong agent token and stays on the connection screen', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(host.url);
    // The first test left this host signed in (the session survives a reload); sign out.
    await page.locator('.topbar').getByRole('button', { name: '登出' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '登出' }).click();
    await page.getByPlaceholder('https://relay.your-shop.tw').fill(relay.url);
    await page.locator('input[type="password"]').fill('sia_not-a-real-token');
    await page.getByRole('button', { name: '連線', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('權杖無效或已被停用');
    await page.close();
  });
});
