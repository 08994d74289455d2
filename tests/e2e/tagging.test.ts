import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_NAMESPACE, PROTOCOL_VERSION, tagMutationAckSchema } from '../../src/shared/protocol';
import { callbackBody, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../../src/demo/fake-line';
import { type RunningProcess } from '../support/processes';
import {
  createTokenWithCli,
  launchChromium,
  signInThroughUi,
  screenshotPath,
  startBrowserHostProcess,
  startRelayProcess,
} from './support/live-stack';

/**
 * Tagging through real processes: relay, browser host (desktop core) and Chromium. A team lead tags
 * customers in the conversation header (keyboard only), filters the inbox by tag, and uses the lead
 * workspace (members, audit trail with an offline change, rename, CSV export).
 */
const CHANNEL_SECRET = '5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d';
const CUSTOMERS = [
  { id: 'U' + 'a1'.padEnd(32, '1'), name: '陳怡君', text: '請問碎花洋裝還有 M 號嗎？' },
  { id: 'U' + 'b2'.padEnd(32, '2'), name: '林志明', text: '我上週買的鞋子想退貨' },
  { id: 'U' + 'c3'.padEnd(32, '3'), name: '王小美', text: '團購價格可以再便宜一點嗎' },
];

let workDir: string;
let fakeLine: FakeLine;
let relay: RunningProcess;
let host: RunningProcess;
let relayUrl: string;
let appUrl: string;
let browser: Browser;

/** Another agent's app, as the relay sees it: tag adds with the time they were made (here: offline, 3 h ago). */
async function tagAsOtherAgent(token: string, adds: Array<{ friendId: string; tag: string }>, clientTime: number): Promise<void> {
  const socket = io(`${relayUrl}${AGENT_NAMESPACE}`, { auth: { token, cursor: 0, protocol: PROTOCOL_VERSION }, transports: ['websocket'], forceNew: true });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('hello', () => resolve());
      socket.once('connect_error', reject);
    });
    for (const add of adds) {
      const ack = tagMutationAckSchema.parse(await socket.timeout(10_000).emitWithAck('mutate', { id: randomUUID(), type: 'tag.add', payload: { ...add, clientTime } }));
      expect(ack.ok).toBe(true);
    }
  } finally {
    socket.close();
  }
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'inbox-e2e-tags-'));
  fakeLine = await startFakeLine({ channelAccessToken: 'e2e-tags-token' });
  for (const customer of CUSTOMERS) fakeLine.setProfile(customer.id, { displayName: customer.name });
  const started = await startRelayProcess({
    dataDir: join(workDir, 'relay'),
    channelSecret: CHANNEL_SECRET,
    channelAccessToken: 'e2e-tags-token',
    lineApiBaseUrl: fakeLine.url,
  });
  relay = started.process;
  relayUrl = started.url;
  const hosted = await startBrowserHostProcess(join(workDir, 'desktop'));
  host = hosted.process;
  appUrl = hosted.url;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await relay?.stop();
  await fakeLine?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** "T" moves to the tag input from elsewhere; after an add the input keeps the focus for the next tag. */
async function focusTagInput(page: Page): Promise<void> {
  const focused = await page.locator('.tag-input').evaluate((input) => input === input.ownerDocument.activeElement);
  if (!focused) await page.keyboard.press('t');
}

async function addTagByKeyboard(page: Page, tag: string): Promise<void> {
  await focusTagInput(page);
  await page.keyboard.type(tag);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('.tag-editor-chips').textContent()).toContain(tag);
}

describe('tagging in Chromium', () => {
  it('tags by keyboard, filters the inbox by tag, and runs the lead workspace', async () => {
    const leadToken = await createTokenWithCli(join(workDir, 'relay'), '店長', 'lead');
    const agentToken = await createTokenWithCli(join(workDir, 'relay'), '小美', 'agent');
    const webhook = await postLineWebhook(
      relayUrl,
      CHANNEL_SECRET,
      callbackBody('U' + 'b0'.padEnd(32, '0'), CUSTOMERS.map((customer, index) => textMessageEvent({ userId: customer.id, text: customer.text, timestamp: Date.now() - (3 - index) * 60_000 }))),
    );
    expect(webhook.status).toBe(200);
    await tagAsOtherAgent(
      agentToken,
      [
        { friendId: CUSTOMERS[1]!.id, tag: '退貨中' },
        { friendId: CUSTOMERS[2]!.id, tag: '團購' },
        { friendId: CUSTOMERS[2]!.id, tag: 'VIP' },
      ],
      Date.now() - 3 * 60 * 60 * 1000,
    );

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughUi(page, { appUrl, relayUrl, token: leadToken, agentName: '店長' });

    // Keyboard only: open the first conversation, T to the tag input, type, Enter; autocomplete picks "VIP".
    const first = page.locator('.conversation-row', { hasText: '陳怡君' });
    await expect.poll(() => first.count(), { timeout: 15_000 }).toBe(1);
    await first.click();
    await expect.poll(() => page.locator('.tag-counter').textContent(), { timeout: 10_000 }).toBe('0/10');
    await addTagByKeyboard(page, '尺寸M');
    await focusTagInput(page);
    await page.keyboard.type('ｖｉ');
    await expect.poll(() => page.locator('.tag-suggestions li').first().textContent()).toContain('VIP');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.tag-editor-chips').textContent()).toContain('VIP');
    for (const tag of ['已下單', '詢問補貨', '回購', '生日禮', '會員', '預購', '待付款', '已出貨']) await addTagByKeyboard(page, tag);
    await expect.poll(() => page.locator('.tag-counter').textContent()).toBe('10/10');
    await expect.poll(() => page.locator('.tag-input').isDisabled()).toBe(true);
    // Backspace on a focused chip removes it; the input comes back.
    await page.locator('.tag-editor-chips button.tag-chip', { hasText: '待付款' }).focus();
    await page.keyboard.press('Backspace');
    await expect.poll(() => page.locator('.tag-counter').textContent()).toBe('9/10');
    await expect.poll(() => page.locator('.tag-chip.is-pending').count(), { timeout: 10_000 }).toBe(0);
    await page.screenshot({ path: screenshotPath('tagging-conversation.png') });

    // Inbox filter by tag, with counts.
    const filter = page.getByLabel('依標籤篩選');
    await expect.poll(async () => (await filter.locator('option').allTextContents()).join('|')).toContain('VIP（2）');
    await filter.selectOption('VIP');
    await expect.poll(() => page.locator('.conversation-row').count()).toBe(2);
    await filter.selectOption('__none__');
    await expect.poll(() => page.locator('.conversation-row').count()).toBe(0);
    await page.getByRole('button', { name: '清除' }).click();
    await expect.poll(() => page.locator('.conversation-row').count()).toBe(3);

    // Lead workspace.
    await page.getByRole('button', { name: '標籤管理' }).click();
    await page.locator('.lead-tag-row', { hasText: 'VIP' }).click();
    await expect.poll(() => page.locator('.member-row').count()).toBe(2);
    await expect.poll(() => page.locator('.audit-list').textContent()).toContain('小美');
    await expect.poll(() => page.locator('.audit-offline').count()).toBeGreaterThan(0);
    await page.locator('.segment-toggle', { hasText: 'VIP' }).click();
    await page.locator('.segment-toggle', { hasText: '團購' }).click();
    await page.getByRole('radio', { name: '全部符合 AND' }).click();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: '匯出 CSV' }).click();
    const file = await (await downloading).path();
    const csv = readFileSync(file);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('王小美');
    await expect.poll(() => page.locator('.segment-ok').textContent()).toContain('1 位好友');
    await page.screenshot({ path: screenshotPath('lead-workspace.png') });

    await page.getByRole('button', { name: '重新命名' }).click();
    await page.getByLabel('新名稱').fill('VIP 會員');
    await page.getByRole('dialog').getByRole('button', { name: '重新命名' }).click();
    await expect.poll(() => page.locator('.lead-tag-list').textContent()).toContain('VIP 會員');
    await expect.poll(() => page.locator('.audit-list').textContent()).toContain('重新命名');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
