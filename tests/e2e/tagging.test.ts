import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_NAMESPACE, PROTOCOL_VERSION, tagMutationAckSchema } from '../../src/shared/protocol';
import { callbackBody, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../fakes/fake-line';
import { freePort, ROOT_DIR, startTsx, waitFor, type RunningProcess } from '../support/processes';
import { CHROMIUM_ARGS, findChromium } from './support/chromium';

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
const SCREENS_DIR = resolve(ROOT_DIR, 'test-results', 'e2e');
const execFileAsync = promisify(execFile);

let workDir: string;
let fakeLine: FakeLine;
let relay: RunningProcess;
let host: RunningProcess;
let relayUrl: string;
let appUrl: string;
let browser: Browser;

async function createToken(name: string, role: 'agent' | 'lead'): Promise<string> {
  const tsx = resolve(ROOT_DIR, 'node_modules', '.bin', 'tsx');
  const { stdout } = await execFileAsync(tsx, ['src/relay/cli/main.ts', 'token', 'create', '--name', name, '--role', role], {
    cwd: ROOT_DIR,
    env: { ...process.env, RELAY_DATA_DIR: join(workDir, 'relay') },
  });
  return stdout.trim().split('\n').at(-1)!.trim();
}

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
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error('Chromium not found: run `npm test` (it installs it) or set CHROMIUM_PATH');
  workDir = mkdtempSync(join(tmpdir(), 'inbox-e2e-tags-'));
  fakeLine = await startFakeLine({ channelAccessToken: 'e2e-tags-token' });
  for (const customer of CUSTOMERS) fakeLine.setProfile(customer.id, { displayName: customer.name });
  const relayPort = await freePort();
  relayUrl = `http://127.0.0.1:${relayPort}`;
  relay = startTsx('src/relay/cli/main.ts', {
    RELAY_HOST: '127.0.0.1',
    RELAY_PORT: String(relayPort),
    RELAY_DATA_DIR: join(workDir, 'relay'),
    LINE_CHANNEL_SECRET: CHANNEL_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: 'e2e-tags-token',
    LINE_API_BASE_URL: fakeLine.url,
  });
  await waitFor(async () => (await fetch(`${relayUrl}/healthz`)).ok, { timeoutMs: 30_000, what: 'relay /healthz' });
  host = startTsx('src/main/browser-host/main.ts', { INBOX_DATA_DIR: join(workDir, 'desktop'), INBOX_HOST_PORT: '0' });
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
    const leadToken = await createToken('店長', 'lead');
    const agentToken = await createToken('小美', 'agent');
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
    await page.goto(appUrl);
    await page.getByPlaceholder('https://relay.your-shop.tw').fill(relayUrl);
    await page.locator('input[type="password"]').fill(leadToken);
    await page.getByRole('button', { name: '連線', exact: true }).click();
    await expect.poll(() => page.locator('.topbar').textContent(), { timeout: 15_000 }).toContain('店長');

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
    await page.screenshot({ path: join(SCREENS_DIR, 'tagging-conversation.png') });

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
    await page.screenshot({ path: join(SCREENS_DIR, 'lead-workspace.png') });

    await page.getByRole('button', { name: '重新命名' }).click();
    await page.getByLabel('新名稱').fill('VIP 會員');
    await page.getByRole('dialog').getByRole('button', { name: '重新命名' }).click();
    await expect.poll(() => page.locator('.lead-tag-list').textContent()).toContain('VIP 會員');
    await expect.poll(() => page.locator('.audit-list').textContent()).toContain('重新命名');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
