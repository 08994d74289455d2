import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartSchema } from '../../src/shared/orders/cart-schema';
import { computeCartTotals, formatNtd } from '../../src/shared/orders/cart-totals';
import { ROOT_DIR } from '../support/processes';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/chromium';
import { ensureRendererBuilt, openFakeApp, recordedInvokes, serveRenderer } from './support/renderer-page';

/**
 * The quick cart in a real Chromium against the in-memory fake API: build a cart from the chat by keyboard,
 * create the order, see it in the customer's orders. Screenshots go to docs/images/cart-*.png.
 */

const IMAGES_DIR = resolve(ROOT_DIR, 'docs', 'images');
const chromiumPath = findChromium();
let browser: Browser;
let server: Server;
let baseUrl: string;

const shot = (page: Page, name: string) => page.screenshot({ path: join(IMAGES_DIR, `cart-${name}.png`) });
const panel = (page: Page) => page.locator('[data-cart-panel]');
const lineOf = (page: Page, sku: string) => panel(page).locator(`[data-cart-line="${sku}"]`);

/** True when the focused element carries `attribute` (the page's DOM, seen from Node). */
function focusedHas(page: Page, attribute: string): Promise<boolean> {
  return page.evaluate((name) => {
    const dom = globalThis as unknown as { document: { activeElement: { hasAttribute(name: string): boolean } | null } };
    return dom.document.activeElement?.hasAttribute(name) ?? false;
  }, attribute);
}

/** Opens the panel with Alt+C (or the header button) and waits for the caret in the search box. */
async function openCart(page: Page, how: 'keys' | 'button' = 'keys'): Promise<void> {
  if (how === 'keys') await page.keyboard.press('Alt+c');
  else await page.locator('[data-cart-toggle]').click();
  await expect.poll(() => focusedHas(page, 'data-cart-search')).toBe(true);
}

async function openConversation(page: Page, name: string): Promise<void> {
  await page.locator('.conversation-row', { hasText: name }).click();
  await expect.poll(() => page.locator('.conversation-header').textContent()).toContain(name);
}

describe.skipIf(!chromiumPath)('quick cart panel (Chromium, fake API)', () => {
  beforeAll(async () => {
    await ensureRendererBuilt();
    mkdirSync(IMAGES_DIR, { recursive: true });
    ({ server, baseUrl } = await serveRenderer());
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  });

  it('builds a cart from the chat by keyboard, creates the order and lists it for the customer', async () => {
    const { page, errors } = await openFakeApp(browser, baseUrl, { session: 'signed_in' });
    await openConversation(page, '陳小姐');
    // The thread's earlier order summary carries its chip and keeps its delivery badge.
    const summary = page.locator('.message-out', { has: page.locator('.message-purpose') }).first();
    await expect.poll(() => summary.locator('.message-purpose').textContent()).toContain('訂單摘要');
    expect(await summary.locator('.badge').textContent()).toContain('已送出・免費');

    await openCart(page);

    // 襯衫 → 棉麻寬版襯衫; → moves over the variants (白 / XL is sold out and skipped) to 霧藍 / M.
    await page.keyboard.type('襯衫');
    const result = panel(page).locator('.cart-result', { hasText: '棉麻寬版襯衫' });
    await expect.poll(() => result.count()).toBe(1);
    expect(await result.textContent()).toContain('Linen Relaxed Shirt');
    expect(await result.locator('.cart-variant', { hasText: '白 / XL' }).isDisabled()).toBe(true);
    expect(await result.locator('.cart-variant', { hasText: '白 / XL' }).textContent()).toContain('缺貨');
    expect(await result.locator('.cart-variant', { hasText: '霧藍 / M' }).textContent()).toContain('剩 1 件');
    await page.keyboard.press('ArrowDown');
    for (let step = 0; step < 4; step += 1) await page.keyboard.press('ArrowRight');
    expect(await result.locator('.cart-variant.is-active').textContent()).toContain('霧藍 / M');
    await page.keyboard.press('Enter');
    await expect.poll(() => lineOf(page, 'TS-001').textContent()).toContain('霧藍 / M');

    // Typing replaces the query; Enter twice adds the tote twice (one line, quantity 2).
    await page.keyboard.type('帆布托特包');
    await expect.poll(() => panel(page).locator('.cart-result').first().textContent()).toContain('帆布托特包');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect.poll(() => lineOf(page, 'AC-101').locator('.cart-quantity').inputValue()).toBe('2');

    // One more shirt than the one in stock: a warning on the line, not a block.
    await lineOf(page, 'TS-001').getByRole('button', { name: '增加一件' }).click();
    await expect.poll(() => lineOf(page, 'TS-001').locator('.cart-line-warning').textContent()).toContain('庫存只剩 1 件');
    await lineOf(page, 'TS-001').getByRole('button', { name: '減少一件' }).click();
    await expect.poll(() => lineOf(page, 'TS-001').locator('.cart-line-warning').count()).toBe(0);

    await panel(page).locator('.cart-choice', { hasText: '7-ELEVEN 取貨' }).click();
    await panel(page).locator('[data-cart-destination]').fill('信義門市');
    await panel(page).locator('.cart-choice', { hasText: '百分比 %' }).click();
    await panel(page).locator('[data-cart-discount]').fill('10');

    const totals = panel(page).locator('[data-cart-totals]');
    await expect.poll(() => panel(page).locator('[data-cart-total]').textContent()).toBe('NT$1,764');
    const totalsText = (await totals.textContent()) ?? '';
    expect(totalsText).toContain('小計');
    expect(totalsText).toContain('NT$1,960');
    expect(totalsText).toContain('−NT$196');
    expect(totalsText).toContain('免運');
    expect(await panel(page).locator('.cart-free-shipping').textContent()).toContain('已達免運門檻');
    // The window of 陳小姐 opened seconds ago: a free reply (unless this machine is very slow).
    expect(await panel(page).locator('[data-cart-hint]').textContent()).toMatch(/免費回覆（剩 \d+ 秒）|顧客下次傳訊時免費送出/);
    await shot(page, 'panel');
    await page.setViewportSize({ width: 1100, height: 760 });
    await shot(page, 'panel-narrow');
    await page.setViewportSize({ width: 1440, height: 900 });

    await panel(page).locator('[data-cart-create]').click();
    await expect.poll(async () => (await recordedInvokes(page)).filter((call) => call.channel === 'orders:create').length).toBe(1);
    const create = (await recordedInvokes(page)).find((call) => call.channel === 'orders:create')!.input as Record<string, unknown>;
    expect(create).toEqual({
      conversationId: 'c01',
      sendSummary: true,
      cart: {
        lines: [
          { sku: 'TS-001', variantId: 'TS-001-霧藍-M', name: '棉麻寬版襯衫', variantLabel: '霧藍 / M', unitPrice: 980, quantity: 1 },
          { sku: 'AC-101', variantId: null, name: '帆布托特包', variantLabel: '', unitPrice: 490, quantity: 2 },
        ],
        shipping: { method: 'seven_eleven', storeName: '信義門市', address: null, fee: 60, freeShippingThreshold: 1000 },
        discount: { kind: 'percent', value: 10 },
        note: '',
      },
    });
    // What was sent is a valid cart whose totals are the ones the agent saw.
    expect(formatNtd(computeCartTotals(cartSchema.parse(create.cart)).total)).toBe('NT$1,764');

    // Toast with the number, the customer's orders tab shows the new order on top, the cart is cleared.
    await expect.poll(() => panel(page).locator('.cart-toast').textContent()).toMatch(/已建立訂單 SO\d{10}/);
    const orderNo = ((await panel(page).locator('.cart-toast').textContent()) ?? '').match(/SO\d{10}/)![0];
    expect(await panel(page).getByRole('tab', { name: '此顧客的訂單' }).getAttribute('aria-selected')).toBe('true');
    const newest = panel(page).locator('.cart-order.is-new');
    await expect.poll(() => newest.count()).toBe(1);
    expect(await newest.textContent()).toContain(orderNo);
    expect(await newest.textContent()).toContain('待付款');
    expect(await newest.textContent()).toContain('NT$1,764');
    expect(await panel(page).locator('.cart-order').first().getAttribute('class')).toContain('is-new');
    await shot(page, 'customer-orders');
    // The summary went into the thread as a free reply with its chip.
    const sent = page.locator('.message-out', { hasText: orderNo });
    await expect.poll(() => sent.locator('.message-purpose').textContent()).toContain('訂單摘要');
    await panel(page).getByRole('tab', { name: '購物車' }).click();
    await expect.poll(() => panel(page).locator('.cart-lines-empty').textContent()).toContain('購物車是空的');
    expect(await panel(page).locator('[data-cart-create]').isDisabled()).toBe(true);

    // Esc hands focus back to the composer; Alt+C closes the panel.
    await panel(page).locator('[data-cart-search]').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedHas(page, 'data-composer')).toBe(true);
    await page.keyboard.press('Alt+c');
    await expect.poll(() => panel(page).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps a draft cart per conversation across switching and reloading', async () => {
    const { page, errors } = await openFakeApp(browser, baseUrl, { session: 'signed_in' });
    await openConversation(page, 'Amy Wu');
    await openCart(page, 'button');
    await page.keyboard.type('scarf');
    await page.keyboard.press('Enter');
    await expect.poll(() => lineOf(page, 'AC-130').count()).toBe(1);

    await openConversation(page, '張雅婷');
    await expect.poll(() => panel(page).isVisible()).toBe(true);
    expect(await lineOf(page, 'AC-130').count()).toBe(0);
    await panel(page).locator('[data-cart-search]').fill('KN-052');
    await panel(page).locator('[data-cart-search]').press('Enter');
    await expect.poll(() => lineOf(page, 'KN-052').count()).toBe(1);

    await page.reload();
    await openConversation(page, 'Amy Wu');
    await expect.poll(() => lineOf(page, 'AC-130').count()).toBe(1);
    expect(await lineOf(page, 'KN-052').count()).toBe(0);
    await openConversation(page, '張雅婷');
    await expect.poll(() => lineOf(page, 'KN-052').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('asks for consent before a counted push when the free reply window has closed', async () => {
    const { page, errors } = await openFakeApp(browser, baseUrl, { session: 'signed_in' });
    await openConversation(page, '林志明');
    await openCart(page);
    await page.keyboard.type('tote');
    await page.keyboard.press('Enter');
    await expect.poll(() => lineOf(page, 'AC-101').count()).toBe(1);
    const hint = panel(page).locator('[data-cart-hint]');
    expect(await hint.textContent()).toContain('顧客下次傳訊時免費送出');
    await panel(page).locator('[data-cart-push]').check();
    await expect.poll(() => hint.textContent()).toContain('計費推播 — 約 NT$0.2');
    // Under the threshold: shipping is charged and the progress says how much is missing.
    expect(await panel(page).locator('.cart-free-shipping').textContent()).toContain('再買 NT$510 即可免運');
    expect(await panel(page).locator('[data-cart-total]').textContent()).toBe('NT$550');
    await shot(page, 'push-consent');
    // Typing a quantity works too; the totals follow.
    await lineOf(page, 'AC-101').locator('.cart-quantity').fill('3');
    // 3 × 490 passes the NT$1,000 threshold: shipping becomes free.
    await expect.poll(() => panel(page).locator('[data-cart-total]').textContent()).toBe('NT$1,470');
    expect(await panel(page).locator('[data-cart-totals]').textContent()).toContain('免運');
    await lineOf(page, 'AC-101').locator('.cart-quantity').fill('1');
    await expect.poll(() => panel(page).locator('[data-cart-total]').textContent()).toBe('NT$550');
    await panel(page).locator('[data-cart-create]').click();
    await expect
      .poll(async () => (await recordedInvokes(page)).filter((call) => call.channel === 'orders:create').map((call) => (call.input as { push?: boolean }).push))
      .toEqual([true]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('says offline orders are numbered on sync, and lists Alt+C in the shortcut help', async () => {
    const { page, errors } = await openFakeApp(browser, baseUrl, { session: 'signed_in', connection: 'offline' });
    // A held payment reminder in the thread: its chip and its delivery badge side by side.
    await page.evaluate(() => {
      const fake = (globalThis as unknown as { __fakeInbox: { messages: Map<string, object[]> } }).__fakeInbox;
      fake.messages.get('c01')!.push({
        id: 'rem-test', conversationId: 'c01', direction: 'out', kind: 'text', createdAt: Date.now() - 1_000, author: null,
        text: '【付款提醒】提醒您，訂單 SO2611230001 尚未完成付款', delivery: 'held', deliveryReason: 'no_fresh_token',
        auto: false, purpose: 'payment_reminder', orderId: 'ord_seed_1',
      });
    });
    await openConversation(page, '陳小姐');
    const reminder = page.locator('[data-message-id="rem-test"]');
    await expect.poll(() => reminder.locator('.message-purpose').textContent()).toContain('付款提醒');
    expect(await reminder.locator('.badge').textContent()).toContain('保留中');
    await openCart(page);
    await page.keyboard.type('AC-130');
    await page.keyboard.press('Enter');
    await expect.poll(() => lineOf(page, 'AC-130').count()).toBe(1);
    expect(await panel(page).locator('[data-cart-hint]').textContent()).toContain('離線：訂單會在連線後建立並編號');
    expect(await panel(page).locator('[data-cart-push]').count()).toBe(0);
    await shot(page, 'offline');
    await page.locator('.message-scroll').click();
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog').textContent()).toContain('開啟／關閉購物車');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the empty catalog and the empty customer orders, in Chinese and English', async () => {
    const { page, errors } = await openFakeApp(browser, baseUrl, { session: 'signed_in', orders: 'none' });
    await openConversation(page, '陳小姐');
    await page.keyboard.press('Alt+c');
    await expect.poll(() => panel(page).locator('.cart-catalog-empty').textContent()).toContain('尚未匯入商品目錄');
    expect(await panel(page).locator('[data-cart-search]').count()).toBe(0);
    await shot(page, 'empty-catalog');
    await panel(page).getByRole('tab', { name: '此顧客的訂單' }).click();
    await expect.poll(() => panel(page).textContent()).toContain('這位顧客還沒有訂單');
    expect(errors).toEqual([]);
    await page.close();

    const english = await openFakeApp(browser, baseUrl, { session: 'signed_in' }, { language: 'en', viewport: { width: 1100, height: 760 } });
    await openConversation(english.page, '陳小姐');
    await openCart(english.page);
    await english.page.keyboard.type('crew tee');
    const tee = panel(english.page).locator('.cart-result', { hasText: 'Cotton Crew Tee' });
    await expect.poll(() => tee.count()).toBe(1);
    await tee.locator('.cart-variant', { hasText: '黑 / L' }).click();
    await expect.poll(() => lineOf(english.page, 'TS-044').textContent()).toContain('黑 / L');
    expect(await panel(english.page).locator('.cart-free-shipping').textContent()).toContain('Add NT$610 more for free shipping');
    expect(await panel(english.page).locator('[data-cart-create]').textContent()).toBe('Create order and send to customer');
    await shot(english.page, 'panel-english');
    expect(english.errors).toEqual([]);
    await english.page.close();
  });
});
