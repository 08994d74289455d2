import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderDueIn } from '../../src/demo/demo-payments';
import { RELAY_DB_FILENAME } from '../../src/relay/store/database';
import { callbackBody, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../../src/demo/fake-line';
import { messageTexts, PAYMENT_SECRET, paymentBody, postPayment } from '../integration/relay/order-fixtures';
import { ROOT_DIR, waitFor } from '../support/processes';
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
 * The quick cart with real processes: the catalog is imported through the 商品目錄 tab, a customer writes on
 * LINE, the agent builds a cart beside the chat and creates the order; the relay numbers it and the fake
 * LINE platform receives the summary as a free reply with the customer's token. A signed payment
 * notification then marks it paid live. Offline: the order waits in the outbox, is numbered when the relay
 * is back, and its summary is held (the token was already used) — never pushed.
 */

const CHANNEL_SECRET = '7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29';
const CHANNEL_ACCESS_TOKEN = 'e2e-cart-channel-token';
const BOT = 'U' + 'b0'.padEnd(32, '2');
const CUSTOMER = 'U' + 'cart'.padEnd(32, '3');
const OFFLINE_CUSTOMER = 'U' + 'offl'.padEnd(32, '4');
const CATALOG_CSV = resolve(ROOT_DIR, 'resources', 'demo', 'catalog-sample.csv');
const ORDER_NO = /SO\d{10}/;

let workDir: string;
let fakeLine: FakeLine;
let relay: RelayProcess;
let host: BrowserHostProcess;
let agentToken: string;
let browser: Browser;

function startRelay(port?: number): Promise<RelayProcess> {
  return startRelayProcess({
    dataDir: join(workDir, 'relay'),
    channelSecret: CHANNEL_SECRET,
    channelAccessToken: CHANNEL_ACCESS_TOKEN,
    lineApiBaseUrl: fakeLine.url,
    env: { PAYMENT_WEBHOOK_SECRET: PAYMENT_SECRET },
    ...(port === undefined ? {} : { port }),
  });
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'inbox-e2e-cart-'));
  fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
  fakeLine.setProfile(CUSTOMER, { displayName: '王怡婷' });
  fakeLine.setProfile(OFFLINE_CUSTOMER, { displayName: '黃志豪' });
  relay = await startRelay();
  // A lead: the test imports the catalog, which only leads may replace.
  agentToken = await createTokenWithCli(join(workDir, 'relay'), '小美', 'lead');
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

async function openPage(): Promise<{ page: Page; pageErrors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, pageErrors };
}

async function customerWrites(userId: string, text: string): Promise<string> {
  const replyToken = fakeLine.issueReplyToken();
  const webhook = await postLineWebhook(relay.url, CHANNEL_SECRET, callbackBody(BOT, [textMessageEvent({ userId, text, replyToken })]));
  expect(webhook.status).toBe(200);
  return replyToken;
}

const nav = (page: Page, name: string) => page.locator('.app-nav-item', { hasText: name });
const panel = (page: Page) => page.locator('[data-cart-panel]');
const lineOf = (page: Page, sku: string) => panel(page).locator(`[data-cart-line="${sku}"]`);
const requestsFor = (requests: ReturnType<FakeLine['replies']>, token: string) =>
  requests.filter((request) => (request.body as { replyToken?: string }).replyToken === token);

async function openConversation(page: Page, name: string, lastText: string): Promise<void> {
  await nav(page, '收件匣').click();
  const row = page.locator('.conversation-row', { hasText: name });
  await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(lastText);
  await row.click();
  await expect.poll(() => page.locator('.conversation-header').textContent()).toContain(name);
}

/** Alt+C, then waits for the search box (the catalog is read from the core when the panel opens). */
async function openCart(page: Page): Promise<void> {
  await page.keyboard.press('Alt+c');
  await expect.poll(() => panel(page).locator('[data-cart-search]').count(), { timeout: 10_000 }).toBe(1);
}

/** Types into the cart search and picks `option` (a variant chip's text) of the product named `name`. */
async function addProduct(page: Page, query: string, name: string, option: string): Promise<void> {
  await panel(page).locator('[data-cart-search]').fill(query);
  const result = panel(page).locator('.cart-result', { hasText: name });
  await expect.poll(() => result.count()).toBe(1);
  await result.locator('.cart-variant', { hasText: option }).click();
}

/** Order-status changes the relay recorded for one order (its event log, read-only). */
function statusChangesOnRelay(orderId: string): number {
  const db = new Database(join(workDir, 'relay', RELAY_DB_FILENAME), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare("SELECT payload FROM events WHERE type = 'order.statusChanged'").all() as { payload: string }[];
    return rows.filter((row) => (JSON.parse(row.payload) as { orderId?: string }).orderId === orderId).length;
  } finally {
    db.close();
  }
}

describe('quick cart through relay, desktop core and browser host', () => {
  it('imports the catalog, builds a cart from the chat, sends the summary as a free reply and follows the payment', async () => {
    const { page, pageErrors } = await openPage();
    await signInThroughUi(page, { appUrl: host.url, relayUrl: relay.url, token: agentToken, agentName: '小美' });

    // 1. The shop's catalog: 訂單 → 商品目錄 → CSV through the file input → preview → import (catalog.save).
    await nav(page, '訂單').click();
    await page.getByRole('tab', { name: '商品目錄' }).click();
    await expect.poll(() => page.locator('.catalog-empty').textContent(), { timeout: 10_000 }).toBeTruthy();
    const csv = readFileSync(CATALOG_CSV);
    await page.locator('input[data-catalog-file]').setInputFiles({ name: 'catalog-sample.csv', mimeType: 'text/csv', buffer: csv });
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent(), { timeout: 10_000 }).toContain('匯入預覽：catalog-sample.csv');
    expect(await dialog.locator('.import-ok').count()).toBe(1);
    const productCount = new Set(csv.toString('utf8').trim().split('\n').slice(1).map((row) => row.split(',')[0])).size;
    expect(await dialog.locator('.import-counts').textContent()).toContain(`商品${productCount}`);
    await page.screenshot({ path: screenshotPath('live-cart-import-preview.png') });
    await dialog.getByRole('button', { name: `匯入 ${productCount} 項商品` }).click();
    await expect.poll(() => page.locator('.rules-note.is-ok').textContent(), { timeout: 15_000 }).toContain(`已匯入 ${productCount} 項商品（第 1 版）`);
    expect(await page.locator('.product-row', { hasText: 'DR-101' }).textContent()).toContain('碎花雪紡洋裝');

    // 2. The customer writes (fresh reply token); the agent builds the cart beside the chat.
    const replyToken = await customerWrites(CUSTOMER, '我想買碎花洋裝M號跟一個托特包');
    await openConversation(page, '王怡婷', '我想買碎花洋裝M號跟一個托特包');
    await openCart(page);
    await addProduct(page, '洋裝', '碎花雪紡洋裝', '粉 / M');
    await expect.poll(() => lineOf(page, 'DR-101').textContent()).toContain('粉 / M');
    await addProduct(page, 'tote', '帆布托特包', '加入');
    await expect.poll(() => lineOf(page, 'AC-001').count()).toBe(1);
    await panel(page).locator('.cart-choice', { hasText: '7-ELEVEN 取貨' }).click();
    await panel(page).locator('[data-cart-destination]').fill('南京復興門市');
    // 1,280 + 450 = 1,730 ≥ the NT$1,000 threshold: 7-11 pickup is free.
    await expect.poll(() => panel(page).locator('[data-cart-total]').textContent()).toBe('NT$1,730');
    expect(await panel(page).locator('[data-cart-totals]').textContent()).toContain('免運');
    expect(await panel(page).locator('[data-cart-hint]').textContent()).toMatch(/免費回覆（剩 \d+ 秒）/);
    await page.screenshot({ path: screenshotPath('live-cart-panel.png') });
    await panel(page).locator('[data-cart-create]').click();

    // 3. The relay numbers the order and the summary goes out as ONE free reply with the customer's token.
    await expect.poll(() => panel(page).locator('.cart-toast').textContent(), { timeout: 15_000 }).toMatch(ORDER_NO);
    const orderNo = ((await panel(page).locator('.cart-toast').textContent()) ?? '').match(ORDER_NO)![0];
    const reply = await waitFor(() => fakeLine.replies().find((request) => request.status === 200), { timeoutMs: 15_000, what: 'the order summary at the fake LINE platform' });
    expect(fakeLine.replies()).toHaveLength(1);
    expect(reply.body).toMatchObject({ replyToken, messages: [{ type: 'text' }] });
    expect((reply.body as { messages: unknown[] }).messages).toHaveLength(1);
    const [summary] = messageTexts(reply);
    expect(summary).toContain(`【訂單確認】${orderNo}`);
    expect(summary).toContain(`https://shop.example/pay/${orderNo}`);
    expect(summary).toContain('7-ELEVEN 取貨（南京復興門市）');
    expect(orderDueIn(summary!)).toEqual({ orderNo, amount: 1730 });
    expect(fakeLine.pushes()).toHaveLength(0);

    const bubble = page.locator('.message-out', { hasText: orderNo });
    await expect.poll(() => bubble.locator('.message-purpose').textContent(), { timeout: 15_000 }).toContain('🧾 訂單摘要');
    await expect.poll(() => bubble.locator('.badge').textContent(), { timeout: 15_000 }).toContain('已送出・免費');
    const listed = panel(page).locator('.cart-order', { hasText: orderNo });
    await expect.poll(() => listed.textContent()).toContain('待付款');
    await page.screenshot({ path: screenshotPath('live-cart-summary-sent.png') });

    // The 訂單 view: awaiting payment, summary delivered free.
    await nav(page, '訂單').click();
    await page.getByRole('tab', { name: '訂單', exact: true }).click();
    const row = page.locator('.order-row', { hasText: orderNo });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('待付款');
    expect(await row.textContent()).toContain('NT$1,730');
    await row.click();
    const detail = page.locator('.order-detail');
    await expect.poll(() => detail.locator('h2').textContent()).toBe(orderNo);
    expect(await detail.locator('.order-card', { hasText: '訂單摘要' }).textContent()).toContain('已送出・免費');
    expect(await detail.locator('.order-actions button').allTextContents()).toContain('標記已付款');

    // 4. A signed payment notification marks it paid; the view follows without a reload.
    const body = paymentBody(orderNo, 1730);
    const paid = await postPayment(relay.url, body);
    expect(paid).toEqual({ status: 200, json: { ok: true, orderNo, status: 'paid' } });
    await expect.poll(() => detail.locator('.order-detail-title').textContent(), { timeout: 15_000 }).toContain('已付款');
    expect(await detail.locator('.order-status-source').textContent()).toContain('金流通知');
    await expect.poll(() => row.textContent()).toContain('已付款');
    expect(await detail.locator('.order-actions button').allTextContents()).not.toContain('標記已付款');
    const orderId = await row.getAttribute('data-order-id');
    expect(statusChangesOnRelay(orderId!)).toBe(1);
    await page.screenshot({ path: screenshotPath('live-cart-paid.png') });

    // The provider retries the same notification: acknowledged as a duplicate, no second status change.
    const again = await postPayment(relay.url, body);
    expect(again).toEqual({ status: 200, json: { ok: true, orderNo, status: 'paid', duplicate: true } });
    expect(statusChangesOnRelay(orderId!)).toBe(1);
    expect(await detail.locator('.order-detail-title').textContent()).toContain('已付款');
    expect(fakeLine.pushes()).toHaveLength(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  // Uses the catalog the first test imported (the desktop keeps it across the relay's absence).
  it('creates an order while the relay is down, numbers it on reconnect and holds its summary (no push)', async () => {
    const { page, pageErrors } = await openPage();
    await page.goto(host.url);
    await expect.poll(() => page.locator('.topbar').textContent(), { timeout: 15_000 }).toContain('小美');

    // The customer writes and the agent answers right away: the free reply uses the token.
    const replyToken = await customerWrites(OFFLINE_CUSTOMER, '牛仔褲27腰還有嗎？');
    await openConversation(page, '黃志豪', '牛仔褲27腰還有嗎？');
    await page.locator('textarea[data-composer]').fill('有的，27 腰還有現貨！');
    await page.locator('textarea[data-composer]').press('Enter');
    await waitFor(() => requestsFor(fakeLine.replies(), replyToken).find((request) => request.status === 200), { timeoutMs: 15_000, what: 'the agent reply' });
    const repliesBefore = fakeLine.replies().length;

    // The relay goes away; the cart still works from the local catalog.
    await relay.process.stop();
    await openCart(page);
    await expect.poll(() => panel(page).locator('[data-cart-hint]').textContent(), { timeout: 15_000 }).toContain('離線：訂單會在連線後建立並編號');
    await addProduct(page, '牛仔褲', '高腰直筒牛仔褲', '深藍 / 27');
    await expect.poll(() => lineOf(page, 'JN-210').textContent()).toContain('深藍 / 27');
    await panel(page).locator('.cart-choice', { hasText: '全家' }).click();
    await panel(page).locator('[data-cart-destination]').fill('全家台大店');
    // 990 < NT$1,000: the NT$60 pickup fee applies.
    await expect.poll(() => panel(page).locator('[data-cart-total]').textContent()).toBe('NT$1,050');
    await panel(page).locator('[data-cart-create]').click();
    await expect.poll(() => panel(page).locator('.cart-toast').textContent(), { timeout: 10_000 }).toContain('已建立訂單（待編號）');
    // Followed by id: the 「new」 highlight fades after a few seconds, the relay may take longer to come back.
    const orderId = await waitFor(() => panel(page).locator('.cart-order.is-new').getAttribute('data-order-id'), { what: 'the new order in the list' });
    const order = panel(page).locator(`.cart-order[data-order-id="${orderId}"]`);
    expect(await order.locator('.cart-order-no').textContent()).toBe('待編號');
    expect(await order.textContent()).toContain('NT$1,050');
    await page.screenshot({ path: screenshotPath('live-cart-offline.png') });

    // The relay comes back on the same data and port: the outbox sends order.create, the relay numbers it.
    relay = await startRelay(relay.port);
    await expect.poll(() => order.locator('.cart-order-no').textContent(), { timeout: 30_000 }).toMatch(ORDER_NO);
    const orderNo = (await order.locator('.cart-order-no').textContent())!;
    const bubble = page.locator('.message-out', { hasText: orderNo });
    await expect.poll(() => bubble.locator('.message-purpose').textContent(), { timeout: 15_000 }).toContain('訂單摘要');
    await expect.poll(() => bubble.locator('.badge').textContent(), { timeout: 15_000 }).toContain('保留中');
    await page.screenshot({ path: screenshotPath('live-cart-numbered-held.png') });

    await nav(page, '訂單').click();
    const row = page.locator('.order-row', { hasText: orderNo });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('待付款');
    await row.click();
    await expect.poll(() => page.locator('.order-detail .order-card', { hasText: '訂單摘要' }).textContent()).toContain('保留中');

    // Held, not sent: no new reply (the used token is not reused), and never a push.
    expect(fakeLine.replies()).toHaveLength(repliesBefore);
    expect(fakeLine.pushes()).toHaveLength(0);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
