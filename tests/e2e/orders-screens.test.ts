import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeInboxApiScript, type FakeInboxOptions, type RecordedInvoke } from '../fakes/fake-inbox-api';
import { ROOT_DIR } from '../support/processes';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/chromium';
import { ensureRendererBuilt, serveRenderer } from './support/renderer-page';

/**
 * The 訂單 view in Chromium against the in-memory fake (tests/fakes/fake-order-api.ts): status filter, order
 * detail and marking paid, CSV import preview and save, shop settings. The final screenshots are kept in
 * docs/images; narrow and English variants go to test-results/screens.
 */
const SCREENS_DIR = resolve(ROOT_DIR, 'test-results', 'screens');
const DOCS_IMAGES = resolve(ROOT_DIR, 'docs', 'images');
const NARROW = { width: 1100, height: 760 };

interface FakeOrder {
  orderId: string;
  orderNo: string | null;
  status: string;
  customerName: string;
  sync: string;
  summary: { messageId: string; delivery: string | null } | null;
  reminders: { index: number; delivery: string | null }[];
}

let browser: Browser;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  ({ server, baseUrl } = await serveRenderer());
  browser = await chromium.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS });
  mkdirSync(SCREENS_DIR, { recursive: true });
  mkdirSync(DOCS_IMAGES, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
});

async function openOrders(options: FakeInboxOptions, language: 'zh-TW' | 'en' = 'zh-TW', viewport = { width: 1440, height: 900 }) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript({ content: `localStorage.setItem('shop-inbox.language', ${JSON.stringify(language)});` });
  // A lead: only leads may save the catalog and the shop settings.
  await page.addInitScript({ content: fakeInboxApiScript({ session: 'signed_in', role: 'lead', ...options }) });
  await page.goto(`${baseUrl}/`);
  await page.locator('.app-nav-item', { hasText: language === 'en' ? 'Orders' : '訂單' }).click();
  return { page, errors };
}
const invokes = (page: Page) => page.evaluate(() => (globalThis as unknown as { __fakeInbox: { invokes: RecordedInvoke[] } }).__fakeInbox.invokes);
const fakeOrders = (page: Page) => page.evaluate(() => (globalThis as unknown as { __fakeOrders: { orders: FakeOrder[] } }).__fakeOrders.orders);
const calls = async (page: Page, channel: string) => (await invokes(page)).filter((call) => call.channel === channel).map((call) => call.input);

describe.skipIf(!findChromium())('orders view, catalog import and shop settings (Chromium, fake API)', () => {
  it('filters awaiting-payment orders, opens one and marks it paid, which cancels its held reminder', async () => {
    const { page, errors } = await openOrders({});
    const all = await fakeOrders(page);
    const awaiting = all.filter((order) => order.status === 'awaiting_payment');
    const chip = page.locator('.orders-status-chips [data-status="awaiting_payment"]');
    await expect.poll(() => chip.textContent()).toBe(`待付款${awaiting.length}`);
    expect(await page.locator('.orders-status-chips [data-status="all"]').textContent()).toBe(`全部${all.length}`);

    await chip.click();
    await expect.poll(async () => (await calls(page, 'orders:list')).at(-1)).toMatchObject({ status: 'awaiting_payment' });
    await expect.poll(() => page.locator('.order-row').count()).toBe(awaiting.length);
    const rowTexts = await page.locator('.order-row').allTextContents();
    expect(rowTexts.every((text) => text.includes('待付款'))).toBe(true);
    // The order created offline has no number yet.
    expect(rowTexts.filter((text) => text.includes('待編號（同步後編號）'))).toHaveLength(awaiting.filter((order) => order.orderNo === null).length);

    // The awaiting order whose second reminder is held, waiting for the customer.
    const target = awaiting.find((order) => order.reminders.some((reminder) => reminder.delivery === 'held'))!;
    await page.locator('.order-row', { hasText: target.orderNo! }).click();
    const detail = page.locator('.order-detail');
    await expect.poll(() => detail.locator('h2').textContent()).toBe(target.orderNo);
    const held = detail.locator('.reminder-row[data-reminder="1"]');
    expect(await held.textContent()).toContain('等待顧客訊息');
    expect(await detail.locator('.reminder-row[data-reminder="0"]').textContent()).toContain('已免費送出');
    expect(await detail.textContent()).toContain('已送出・免費');
    expect(await detail.locator('.order-actions button').allTextContents()).toEqual(['標記已付款', '取消訂單']);
    await page.screenshot({ path: join(DOCS_IMAGES, 'orders-view.png') });

    await detail.getByRole('button', { name: '標記已付款' }).click();
    await expect.poll(() => calls(page, 'orders:setStatus')).toEqual([{ orderId: target.orderId, status: 'paid' }]);
    // The list still filters 待付款, so the paid order leaves it; show all to follow it.
    await page.locator('.orders-status-chips [data-status="all"]').click();
    await page.locator('.order-row', { hasText: target.orderNo! }).click();
    await expect.poll(() => page.locator('.order-detail .reminder-row[data-reminder="1"]').textContent()).toContain('已取消（已付款）');
    expect(await page.locator('.order-detail .order-actions button').allTextContents()).toEqual(['標記已出貨', '取消訂單']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks before cancelling and opens the conversation or only this customer from an order', async () => {
    const { page } = await openOrders({}, 'zh-TW', NARROW);
    const all = await fakeOrders(page);
    const target = all.find((order) => order.status === 'paid')!;
    await page.locator('.order-row', { hasText: target.orderNo! }).click();
    expect(await page.locator('.order-detail').textContent()).toContain('金流通知');
    await page.locator('.order-detail').getByRole('button', { name: '取消訂單' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '保留訂單' }).click();
    expect(await calls(page, 'orders:setStatus')).toEqual([]);

    await page.getByRole('button', { name: '只看這位顧客' }).click();
    await expect.poll(() => page.locator('.orders-customer-chip').textContent()).toContain(target.customerName);
    await expect.poll(async () => (await calls(page, 'orders:list')).at(-1)).toMatchObject({ conversationId: expect.any(String) });
    const theirs = all.filter((order) => order.customerName === target.customerName);
    await expect.poll(() => page.locator('.order-row').count()).toBe(theirs.length);
    // The chips count this customer's orders, not the shop's.
    expect(await page.locator('.orders-status-chips [data-status="all"]').textContent()).toBe(`全部${theirs.length}`);
    await page.screenshot({ path: join(SCREENS_DIR, 'orders-narrow.png') });

    await page.getByRole('button', { name: '開啟對話' }).click();
    await expect.poll(() => page.locator('.conversation-pane').textContent()).toContain(target.customerName);
    // Alt+Shift+O in that conversation comes back to this customer's orders.
    await page.keyboard.press('Alt+Shift+O');
    await expect.poll(() => page.locator('.orders-customer-chip').textContent()).toContain(target.customerName);
    await page.close();
  });

  it('sends the summary of an order created without one: the hint, the push consent, the call and the new badge', async () => {
    const { page, errors } = await openOrders({});
    const all = await fakeOrders(page);
    const target = all.find((order) => order.status === 'awaiting_payment' && order.sync === 'synced' && order.summary === null)!;
    expect(target).toBeDefined();
    // An order whose summary already went out offers no second one.
    const sent = all.find((order) => order.status === 'awaiting_payment' && order.summary?.delivery === 'sent_free')!;
    await page.locator('.order-row', { hasText: sent.orderNo! }).click();
    await expect.poll(() => page.locator('.order-detail h2').textContent()).toBe(sent.orderNo);
    expect(await page.locator('.order-detail [data-send-summary]').count()).toBe(0);

    await page.locator('.order-row', { hasText: target.orderNo! }).click();
    const detail = page.locator('.order-detail');
    await expect.poll(() => detail.locator('h2').textContent()).toBe(target.orderNo);
    const card = detail.locator('.order-card', { hasText: '訂單摘要' });
    expect(await card.textContent()).toContain('沒有傳送摘要給顧客');
    const control = card.locator('[data-send-summary]');
    // This customer's reply window is closed: it would wait for their next message, unless the agent consents to a push.
    await expect.poll(() => control.getByRole('status').textContent()).toContain('顧客下次傳訊時免費送出');
    await control.getByLabel('改用推播（計費）').check();
    await expect.poll(() => control.getByRole('status').textContent()).toContain('以推播立即送出');
    await page.screenshot({ path: join(SCREENS_DIR, 'orders-send-summary.png') });

    await control.getByRole('button', { name: '傳送訂單摘要' }).click();
    await expect.poll(() => calls(page, 'orders:sendSummary')).toEqual([{ orderId: target.orderId, push: true }]);
    await expect.poll(() => card.locator('.badge').textContent()).toContain('已推播・計費');
    expect(await card.locator('[data-send-summary]').count()).toBe(0);
    expect(await card.textContent()).not.toContain('沒有傳送摘要給顧客');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('imports a CSV through the file input: preview with per-row errors, then saves the merged catalog', async () => {
    const { page, errors } = await openOrders({});
    await page.getByRole('tab', { name: '商品目錄' }).click();
    await expect.poll(() => page.locator('.product-row:not(.product-head)').count()).toBeGreaterThan(5);
    expect(await page.locator('.product-row', { hasText: 'AC-118' }).textContent()).toContain('售完');

    const csv = ['sku,name,price', 'TS-001,棉麻寬版襯衫,980', 'DR-014,法式碎花洋裝,1480', 'XX-1,測試,12.5', 'NEW-1,新品,500', 'A,B,1', ',無編號,300'].join('\n');
    await page.locator('input[data-catalog-file]').setInputFiles({ name: 'spring.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('匯入預覽：spring.csv');
    expect(await calls(page, 'catalog:previewCsv')).toEqual([{ text: csv }]);
    const errorLines = await dialog.locator('.import-errors li').allTextContents();
    expect(errorLines).toEqual(['第 4 列「price」：必須是整數（NT$），收到「12.5」', '第 7 列「sku」：不能空白']);
    expect(await dialog.locator('.import-counts').textContent()).toContain('資料列6');
    await page.screenshot({ path: join(DOCS_IMAGES, 'catalog-import.png') });

    await dialog.getByRole('button', { name: '匯入 3 項商品' }).click();
    await expect.poll(() => calls(page, 'catalog:save')).toHaveLength(1);
    const [save] = (await calls(page, 'catalog:save')) as { baseVersion: number; catalog: { products: { sku: string }[] } }[];
    expect(save!.baseVersion).toBe(3);
    // Merge: the three previewed SKUs already exist, so the catalog keeps its ten products.
    expect(save!.catalog.products).toHaveLength(10);
    await expect.poll(() => page.locator('.rules-note.is-ok').textContent()).toContain('已匯入 3 項商品（第 4 版）');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('validates the shop settings inline and saves them with the catalog', async () => {
    const { page, errors } = await openOrders({});
    await page.getByRole('tab', { name: '出貨與付款設定' }).click();
    const link = page.getByLabel('付款連結範本');
    await expect.poll(() => page.locator('.settings-example').textContent()).toBe('範例：https://shop.example/pay/SO2611230001');
    await link.fill('http://pay.example/order');
    expect(await page.locator('.settings-field.has-error .settings-error').textContent()).toBe('必須以 https:// 開頭');
    await link.fill('https://pay.example/o/{orderNo}');
    expect(await page.locator('.settings-example').textContent()).toBe('範例：https://pay.example/o/SO2611230001');
    await page.getByLabel('宅配').fill('120');
    await page.getByRole('button', { name: '+ 新增提醒' }).click();
    await page.getByLabel('直接推播（計費）').check();
    expect(await page.locator('.rules-note.is-dirty').textContent()).toBe('有尚未儲存的變更');
    await page.screenshot({ path: join(DOCS_IMAGES, 'shop-settings.png') });

    // Leaving the tab with unsaved changes asks first.
    await page.getByRole('tab', { name: '商品目錄' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: '儲存設定' }).click();
    await expect.poll(() => calls(page, 'catalog:save')).toHaveLength(1);
    const [save] = (await calls(page, 'catalog:save')) as { baseVersion: number; catalog: { settings: unknown; products: unknown[] } }[];
    expect(save!.baseVersion).toBe(3);
    expect(save!.catalog.products).toHaveLength(10);
    expect(save!.catalog.settings).toEqual({
      shipping: { fees: { seven_eleven: 60, family_mart: 60, home: 120 }, freeShippingThreshold: 1000 },
      payment: { linkTemplate: 'https://pay.example/o/{orderNo}' },
      reminders: { delaysMinutes: [720, 2880, 4320], whenNoFreeReply: 'push' },
    });
    await expect.poll(() => page.locator('.rules-note.is-ok').textContent()).toBe('已儲存（第 4 版）');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains where orders come from when there are none (English, narrow)', async () => {
    const { page, errors } = await openOrders({ orders: 'none' }, 'en', NARROW);
    await expect.poll(() => page.locator('.orders-empty').textContent()).toContain('Orders are created from the cart beside a conversation');
    await page.screenshot({ path: join(SCREENS_DIR, 'orders-empty-en.png') });
    await page.getByRole('tab', { name: 'Catalog' }).click();
    await expect.poll(() => page.locator('.catalog-empty').textContent()).toContain('The catalog is empty');
    await page.screenshot({ path: join(SCREENS_DIR, 'catalog-empty-en.png') });
    expect(errors).toEqual([]);
    await page.close();
  });
});
