import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackBody, postLineWebhook, startFakeLine, stickerMessageEvent, textMessageEvent, type FakeLine } from '../../src/demo/fake-line';
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
import { ROOT_DIR } from '../support/processes';

/**
 * Two agents share one inbox: one real relay process, two browser hosts (two desktop cores with their own stores)
 * and Chromium, the customers on a fake LINE. Needs reply with waiting times, assignment seen by the other agent,
 * an answer taking the conversation out of Needs reply, "謝謝" and a sticker not bringing it back, a new question
 * and a message after "done" doing so, and an internal note that the other agent sees and no platform receives.
 */
const CHANNEL_SECRET = '7c6d5e4f3a2b1c0d5a4b3c2d1e0f9a8b';
const ACCESS_TOKEN = 'e2e-team-inbox-token';
const DESTINATION = 'U' + 'e7'.padEnd(32, '7');
const MEI = 'U' + 'a1'.padEnd(32, 'a');
const WAITING = [
  { id: 'U' + 'b2'.padEnd(32, 'b'), name: '林志明', text: '我上週買的鞋子寄錯尺寸了，可以換嗎？', minutesAgo: 47 },
  { id: 'U' + 'c3'.padEnd(32, 'c'), name: '王小美', text: '請問團購價格可以再便宜一點嗎', minutesAgo: 12 },
  { id: 'U' + 'd4'.padEnd(32, 'd'), name: '黃雅婷', text: '請幫我改成 7-11 取貨', minutesAgo: 3 },
];

let workDir: string;
let fakeLine: FakeLine;
let relay: RelayProcess;
let hostA: BrowserHostProcess;
let hostB: BrowserHostProcess;
let browser: Browser;

async function customerWrites(userId: string, events: ReturnType<typeof textMessageEvent | typeof stickerMessageEvent>[]): Promise<void> {
  const response = await postLineWebhook(relay.url, CHANNEL_SECRET, callbackBody(DESTINATION, events));
  expect(response.status).toBe(200);
}

const says = (userId: string, text: string, at = Date.now()) => textMessageEvent({ userId, text, timestamp: at, replyToken: fakeLine.issueReplyToken() });

async function openAgent(token: string, agentName: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await signInThroughUi(page, { appUrl: agentName === '小美' ? hostA.url : hostB.url, relayUrl: relay.url, token, agentName, view: 'needs_reply' });
  return { page, errors };
}

const row = (page: Page, name: string) => page.locator('.conversation-row', { hasText: name });
const count = (page: Page, view: string) => page.locator(`.view-tab[data-view="${view}"] .view-tab-count`).textContent();
const rowNames = (page: Page) => page.locator('.conversation-row .conversation-name').allTextContents();

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'inbox-e2e-team-'));
  fakeLine = await startFakeLine({ channelAccessToken: ACCESS_TOKEN });
  fakeLine.setProfile(MEI, { displayName: '陳怡君' });
  for (const customer of WAITING) fakeLine.setProfile(customer.id, { displayName: customer.name });
  relay = await startRelayProcess({ dataDir: join(workDir, 'relay'), channelSecret: CHANNEL_SECRET, channelAccessToken: ACCESS_TOKEN, lineApiBaseUrl: fakeLine.url });
  [hostA, hostB] = await Promise.all([startBrowserHostProcess(join(workDir, 'desktop-a')), startBrowserHostProcess(join(workDir, 'desktop-b'))]);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([hostA?.process.stop(), hostB?.process.stop()]);
  await relay?.process.stop();
  await fakeLine?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('a team inbox shared by two agents (relay, two desktop cores, Chromium)', () => {
  it('keeps Needs reply, assignment, done and internal notes in step on both agents', async () => {
    const tokenA = await createTokenWithCli(join(workDir, 'relay'), '小美', 'agent');
    const tokenB = await createTokenWithCli(join(workDir, 'relay'), '阿杰', 'agent');
    const a = await openAgent(tokenA, '小美');
    const b = await openAgent(tokenB, '阿杰');

    // 1. A question appears in Needs reply for both, with how long the customer has waited.
    await customerWrites(MEI, [says(MEI, '請問碎花洋裝還有 M 號嗎？')]);
    for (const { page } of [a, b]) {
      await expect.poll(() => row(page, '陳怡君').count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => row(page, '陳怡君').locator('.workflow-chip.is-waiting').textContent(), { timeout: 10_000 }).toMatch(/^等了(不到 1 分| \d+ 分)$/);
      expect(await count(page, 'needs_reply')).toBe('1');
    }

    // 2. A takes it (Alt+A in the open conversation); B sees it as A's.
    await row(a.page, '陳怡君').click();
    await expect.poll(() => a.page.locator('.conversation-title').textContent(), { timeout: 10_000 }).toContain('陳怡君');
    const assignedAt = Date.now();
    await a.page.keyboard.press('Alt+KeyA');
    await expect.poll(() => a.page.locator('.assignment-control [data-assignee]').getAttribute('data-assignee'), { timeout: 10_000 }).toBe('小美');
    await expect.poll(() => row(b.page, '陳怡君').locator('.workflow-chip.is-assignee').textContent(), { timeout: 10_000 }).toBe('負責：小美');
    console.info(`B saw the assignment ${Date.now() - assignedAt} ms after A pressed Alt+A`);
    expect(await count(b.page, 'mine')).toBe('0');
    expect(await count(a.page, 'mine')).toBe('1');

    // 3. A answers: it leaves Needs reply for both.
    await a.page.locator('textarea[data-composer]').fill('有的，M 號還有 2 件喔！');
    await a.page.locator('textarea[data-composer]').press('Enter');
    await expect.poll(() => fakeLine.replies().filter((request) => request.status === 200).length, { timeout: 15_000 }).toBe(1);
    for (const { page } of [a, b]) await expect.poll(() => count(page, 'needs_reply'), { timeout: 10_000 }).toBe('0');
    await expect.poll(() => row(b.page, '陳怡君').count(), { timeout: 10_000 }).toBe(0);

    // 4. "謝謝" and a sticker do not bring it back …
    await customerWrites(MEI, [says(MEI, '謝謝！'), stickerMessageEvent({ userId: MEI, timestamp: Date.now() + 1 })]);
    await expect.poll(() => a.page.locator('.message-in', { hasText: '謝謝' }).count(), { timeout: 10_000 }).toBe(1);
    await b.page.locator('.view-tab[data-view="all"]').click();
    await expect.poll(() => row(b.page, '陳怡君').textContent(), { timeout: 10_000 }).toContain('[貼圖]');
    expect(await count(b.page, 'needs_reply')).toBe('0');
    await b.page.locator('.view-tab[data-view="needs_reply"]').click();
    // The list re-renders for the tab it shows: wait for the tab, then for the row to be gone.
    await expect.poll(() => b.page.locator('.view-tab[data-view="needs_reply"]').getAttribute('aria-selected'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => row(b.page, '陳怡君').count(), { timeout: 10_000 }).toBe(0);

    // … a new question does.
    await customerWrites(MEI, [says(MEI, '那請問什麼時候會出貨？')]);
    for (const { page } of [a, b]) await expect.poll(() => count(page, 'needs_reply'), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => row(b.page, '陳怡君').count(), { timeout: 10_000 }).toBe(1);

    // 5. A marks it done (Alt+D): out of Needs reply and into Done for both.
    await a.page.keyboard.press('Alt+KeyD');
    await expect.poll(() => a.page.locator('.workflow-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('done');
    for (const { page } of [a, b]) {
      await expect.poll(() => count(page, 'needs_reply'), { timeout: 10_000 }).toBe('0');
      await expect.poll(() => count(page, 'done'), { timeout: 10_000 }).toBe('1');
    }
    await expect.poll(() => a.page.locator('.message-activity', { hasText: '小美將對話標為已完成' }).count(), { timeout: 10_000 }).toBe(1);

    // 6. A message after that reopens it, and it needs a reply again.
    await customerWrites(MEI, [says(MEI, '不好意思，可以改寄到公司嗎？')]);
    for (const { page } of [a, b]) {
      await expect.poll(() => count(page, 'done'), { timeout: 10_000 }).toBe('0');
      await expect.poll(() => count(page, 'needs_reply'), { timeout: 10_000 }).toBe('1');
    }
    await expect.poll(() => a.page.locator('.workflow-status').getAttribute('data-status'), { timeout: 10_000 }).toBe('open');
    await expect.poll(() => a.page.locator('.message-activity', { hasText: '顧客傳來新訊息，對話重新開啟' }).count(), { timeout: 10_000 }).toBe(1);

    // 7. An internal note with a mention: B sees it (and the mention); no platform receives it.
    const repliesBefore = fakeLine.requests.length;
    await a.page.keyboard.press('Alt+KeyM');
    const note = a.page.locator('textarea[data-note-composer]');
    await expect.poll(() => note.evaluate((element) => element === element.ownerDocument.activeElement), { timeout: 10_000 }).toBe(true);
    await note.type('@阿');
    await expect.poll(() => a.page.locator('.mention-suggestions').textContent(), { timeout: 10_000 }).toContain('@阿杰');
    await note.press('Tab');
    await note.type('她上次也改過地址，出貨前請再跟倉庫確認一次');
    await note.press('Enter');
    const noteText = '@阿杰 她上次也改過地址，出貨前請再跟倉庫確認一次';
    await expect.poll(() => a.page.locator('.message-note .note-card-text').textContent(), { timeout: 10_000 }).toBe(noteText);
    await expect.poll(() => a.page.locator('.message-note .note-card-state').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => row(b.page, '陳怡君').locator('.workflow-chip.is-mention').count(), { timeout: 10_000 }).toBe(1);
    await row(b.page, '陳怡君').click();
    await expect.poll(() => b.page.locator('.message-note .note-card-text').textContent(), { timeout: 10_000 }).toBe(noteText);
    expect(await b.page.locator('.message-note .note-card-author').textContent()).toBe('小美');
    const reachedPlatform = fakeLine.requests.slice(repliesBefore).filter((request) => JSON.stringify(request.body ?? '').includes('倉庫'));
    expect(reachedPlatform).toEqual([]);
    expect(fakeLine.requests.some((request) => JSON.stringify(request.body ?? '').includes('倉庫'))).toBe(false);

    // Screenshots as an agent sees them: Needs reply with waiting times, the customer panel and a note.
    for (const customer of WAITING) await customerWrites(customer.id, [textMessageEvent({ userId: customer.id, text: customer.text, timestamp: Date.now() - customer.minutesAgo * 60_000 })]);
    await expect.poll(() => count(b.page, 'needs_reply'), { timeout: 15_000 }).toBe('4');
    await expect.poll(async () => (await rowNames(b.page)).join('|'), { timeout: 10_000 }).toBe('林志明|王小美|黃雅婷|陳怡君');
    await expect.poll(() => row(b.page, '林志明').locator('.workflow-chip.is-waiting').textContent(), { timeout: 10_000 }).toMatch(/^等了 4[67] 分$/);
    await b.page.screenshot({ path: screenshotPath('team-inbox-needs-reply.png') });
    await b.page.screenshot({ path: join(ROOT_DIR, 'docs', 'images', 'team-inbox.png') });
    await a.page.locator('.customer-note-input').fill('偏好 7-11 取貨；身高 160 穿 M');
    await a.page.getByRole('button', { name: '儲存', exact: true }).click();
    await expect.poll(() => b.page.locator('.customer-note-input').inputValue(), { timeout: 10_000 }).toBe('偏好 7-11 取貨；身高 160 穿 M');
    await a.page.screenshot({ path: screenshotPath('team-inbox-note-and-customer-panel.png') });
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
