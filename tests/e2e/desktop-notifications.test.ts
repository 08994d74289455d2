import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackBody, postLineWebhook, textMessageEvent, startFakeLine, type FakeLine } from '../../src/demo/fake-line';
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
import { clickNotification, drawNotificationToast, notifications, recordNotificationsIn, removeNotificationToasts } from './support/recorded-notifications';

/**
 * Notifications through the browser host with real processes (relay, desktop core, fake LINE): a customer
 * writing to a conversation that is not open raises a Web Notification with name, channel and first line;
 * clicking it opens that conversation; the tab title counts unread messages; a burst from three customers is
 * one summary.
 */

const CHANNEL_SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const CHANNEL_ACCESS_TOKEN = 'e2e-notify-access-token';
const BOT = 'U' + 'b0'.padEnd(32, '1');
const customer = (n: number) => 'U' + `cafe${n}`.padEnd(32, '5');
const NAMES = ['王小明', '林佳蓉', '陳雅婷', '張志豪', '黃淑芬'];

let workDir: string;
let fakeLine: FakeLine;
let relay: RelayProcess;
let host: BrowserHostProcess;
let agentToken: string;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'inbox-notify-'));
  fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
  NAMES.forEach((name, index) => fakeLine.setProfile(customer(index), { displayName: name }));
  relay = await startRelayProcess({
    dataDir: join(workDir, 'relay'),
    channelSecret: CHANNEL_SECRET,
    channelAccessToken: CHANNEL_ACCESS_TOKEN,
    lineApiBaseUrl: fakeLine.url,
  });
  agentToken = await createTokenWithCli(join(workDir, 'relay'), '小美', 'agent');
  host = await startBrowserHostProcess(join(workDir, 'desktop'));
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await recordNotificationsIn(context, new URL(host.url).origin);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await host?.process.stop();
  await relay?.process.stop();
  await fakeLine?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function customerWrites(messages: Array<[customerIndex: number, text: string]>): Promise<void> {
  const events = messages.map(([index, text]) => textMessageEvent({ userId: customer(index), text, replyToken: fakeLine.issueReplyToken() }));
  const answer = await postLineWebhook(relay.url, CHANNEL_SECRET, callbackBody(BOT, events));
  expect(answer.status).toBe(200);
}

function openTitle(page: Page): Promise<string | null> {
  return page.locator('.conversation-view .conversation-title').textContent();
}

describe('notifications in the browser host', () => {
  let page: Page;

  it('a message to a conversation that is not open notifies with name, channel and first line; a click opens it; the title counts unread', async () => {
    page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signInThroughUi(page, { appUrl: host.url, relayUrl: relay.url, token: agentToken, agentName: '小美' });

    // 王小明 writes first and the agent has his conversation open.
    await customerWrites([[0, '請問有現貨嗎？']]);
    const first = page.locator('.conversation-row', { hasText: NAMES[0]! });
    await expect.poll(() => first.count(), { timeout: 20_000 }).toBe(1);
    await first.click();
    await expect.poll(() => openTitle(page)).toContain(NAMES[0]);
    await expect.poll(() => page.title()).toBe('店家收件匣 · Shop Inbox');
    const before = (await notifications(page)).length;

    // 林佳蓉 writes while 王小明's conversation is on screen.
    await customerWrites([[1, '不好意思，我想改寄送地址\n改到台中市西屯區']]);
    await expect.poll(async () => (await notifications(page)).length, { timeout: 20_000 }).toBe(before + 1);
    const note = (await notifications(page))[before]!;
    expect(note.title).toBe(`${NAMES[1]} · LINE`);
    expect(note.body).toBe('不好意思，我想改寄送地址');
    expect(note.tag).toMatch(/^line:/);
    await expect.poll(() => page.title()).toBe('(1) 店家收件匣 · Shop Inbox');
    await expect.poll(() => page.locator('link[rel="icon"]').getAttribute('data-unread')).toBe('true');

    await clickNotification(page, before);
    await expect.poll(() => openTitle(page)).toContain(NAMES[1]);
    await expect.poll(() => page.title()).toBe('店家收件匣 · Shop Inbox');
    expect((await notifications(page))[before]!.closed).toBe(true);
    expect(errors).toEqual([]);
  });

  it('five messages from three customers make one summary, not five notifications', async () => {
    const before = (await notifications(page)).length;
    await customerWrites([
      [2, '請問這件外套有 L 號嗎？'],
      [3, '我昨天下單了，什麼時候出貨？'],
      [2, '黑色的'],
      [4, '可以超商取貨付款嗎？'],
      [3, '訂單編號 SO20240101-0003'],
    ]);
    await expect.poll(() => page.title(), { timeout: 20_000 }).toBe('(5) 店家收件匣 · Shop Inbox');
    await expect.poll(async () => (await notifications(page)).length, { timeout: 20_000 }).toBeGreaterThan(before);
    const added = (await notifications(page)).slice(before);
    expect(added).toEqual([{ title: '店家收件匣', body: '5 則新訊息，來自 3 位顧客', tag: 'summary', closed: false }]);

    // What the agent sees: the system notification (drawn from the recorded one) over the inbox with its count.
    await drawNotificationToast(page, added[0]!);
    await page.screenshot({ path: screenshotPath('notification-summary.png') });
    await removeNotificationToasts(page);

    // Clicking the summary opens the app on the customer who waited longest.
    await clickNotification(page, before);
    await expect.poll(() => openTitle(page)).toContain(NAMES[2]);
  });

  it('do-not-disturb keeps notifications away while the count still shows', async () => {
    await page.locator('[data-preferences]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('勿擾模式：不跳出通知').check();
    await page.screenshot({ path: screenshotPath('notification-preferences.png') });
    await dialog.getByRole('button', { name: '完成' }).click();
    const before = (await notifications(page)).length;
    const bursts = () => page.evaluate<number>('Number(document.documentElement.dataset.attentionBursts ?? 0)');
    const decided = await bursts();
    const unread = Number(/^\((\d+)\)/.exec(await page.title())?.[1] ?? 0);
    await customerWrites([[0, '還在嗎？']]);
    await expect.poll(() => page.title(), { timeout: 20_000 }).toBe(`(${unread + 1}) 店家收件匣 · Shop Inbox`);
    // Once the burst is decided, it was decided to show nothing.
    await expect.poll(bursts, { timeout: 20_000 }).toBe(decided + 1);
    expect((await notifications(page)).length).toBe(before);
  });
});
