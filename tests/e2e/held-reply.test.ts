import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentToken } from '../../src/relay/auth/agent-tokens';
import { loadRelayConfig } from '../../src/relay/config';
import { silentLogger } from '../../src/relay/logger';
import { startRelay, type RunningRelay } from '../../src/relay/server';
import { callbackBody, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../../src/demo/fake-line';
import { waitFor, type RunningProcess } from '../support/processes';
import { launchChromium, screenshotPath, signInThroughUi, startBrowserHostProcess } from './support/live-stack';

/**
 * Free replies first, end to end: the relay runs in this process with a clock the test moves (the 50 s
 * rule stays fixed in production code), the browser host is its own process. The agent sees the countdown,
 * answers after the window closed — the reply is held, neither sent with the stale token nor pushed — and it
 * goes out free with the customer's next reply token the moment the customer writes again.
 */

const CHANNEL_SECRET = '9a8b7c6d5e4f30211203f4e5d6c7b8a9';
const CHANNEL_ACCESS_TOKEN = 'e2e-held-channel-token';
const CUSTOMER = 'U' + 'held'.padEnd(32, '5');

let offset = 0;
const now = () => Date.now() + offset;
let workDir: string;
let fakeLine: FakeLine;
let relay: RunningRelay;
let host: RunningProcess;
let appUrl: string;
let browser: Browser;
let agentToken: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'inbox-e2e-held-'));
  fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN, now });
  fakeLine.setProfile(CUSTOMER, { displayName: '林佳蓉' });
  relay = await startRelay(
    loadRelayConfig({
      RELAY_HOST: '127.0.0.1',
      RELAY_PORT: '0',
      RELAY_DATA_DIR: join(workDir, 'relay'),
      LINE_CHANNEL_SECRET: CHANNEL_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: fakeLine.url,
    }),
    { now, logger: silentLogger },
  );
  agentToken = await createAgentToken(relay.store, { name: '小美', role: 'agent' });
  const hosted = await startBrowserHostProcess(join(workDir, 'desktop'));
  host = hosted.process;
  appUrl = hosted.url;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await relay?.close();
  await fakeLine?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function customerWrites(text: string): Promise<string> {
  const replyToken = fakeLine.issueReplyToken();
  const event = textMessageEvent({ userId: CUSTOMER, text, replyToken, timestamp: now() });
  const result = await postLineWebhook(relay.url, CHANNEL_SECRET, callbackBody('U' + 'b0'.padEnd(32, '1'), [event]));
  expect(result.status).toBe(200);
  return replyToken;
}

async function signIn(page: Page): Promise<void> {
  await signInThroughUi(page, { appUrl, relayUrl: relay.url, token: agentToken, agentName: '小美' });
}

describe('held reply delivered free when the customer writes again', () => {
  it('counts down, holds a late reply (no stale token, no push) and sends it free with the next token', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page);
    // The relay's first quota poll reaches the top bar.
    await expect.poll(() => page.locator('[data-quota-meter]').textContent(), { timeout: 15_000 }).toContain('0 / 200');

    const staleToken = await customerWrites('請問這件外套有黑色嗎？');
    const row = page.locator('.conversation-row', { hasText: '林佳蓉' });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('請問這件外套有黑色嗎？');
    await row.click();
    await expect.poll(() => page.locator('.window-status').textContent()).toMatch(/免費回覆剩 0:[0-5]\d/);
    expect(await page.locator('.reply-hint').textContent()).toContain('免費回覆');

    // 55 s pass on the relay's clock (and the fake LINE's): the token is stale by policy.
    offset += 55_000;
    const answer = '有的！黑色 M、L 都有現貨 🙂';
    await page.locator('textarea[data-composer]').fill(answer);
    await page.locator('textarea[data-composer]').press('Enter');
    const bubble = page.locator('.message-out', { hasText: answer });
    await expect.poll(() => bubble.locator('.badge').textContent(), { timeout: 15_000 }).toContain('保留中');
    await expect.poll(() => page.locator('.held-tray').textContent()).toContain(answer);
    expect(fakeLine.replies()).toHaveLength(0);
    expect(fakeLine.pushes()).toHaveLength(0);
    await page.screenshot({ path: screenshotPath('held-reply-waiting.png') });

    const freshToken = await customerWrites('那我要黑色 M 一件');
    const reply = await waitFor(() => fakeLine.replies().find((request) => request.status === 200), {
      timeoutMs: 15_000,
      what: 'the held reply at the fake LINE platform',
    });
    expect(reply.body).toEqual({ replyToken: freshToken, messages: [{ type: 'text', text: answer }] });
    expect(freshToken).not.toBe(staleToken);
    expect(fakeLine.replies()).toHaveLength(1);
    expect(fakeLine.pushes()).toHaveLength(0);
    await expect.poll(() => bubble.locator('.badge').textContent(), { timeout: 15_000 }).toContain('已送出・免費');
    await expect.poll(() => page.locator('.held-tray').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('held-reply-delivered.png') });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
