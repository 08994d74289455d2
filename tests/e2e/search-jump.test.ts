import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../support/processes';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/chromium';
import { ensureRendererBuilt, openFakeApp, recordedInvokes, serveRenderer } from './support/renderer-page';

/**
 * A message search hit far back in a long history (tests/fakes/fake-inbox-api.ts: Amy Wu, 38 days ago, about
 * 225 messages before the newest — beyond the first page of 100) opens the conversation at that message.
 */

const SCREENS_DIR = resolve(ROOT_DIR, 'test-results', 'screens');
const chromiumPath = findChromium();
let browser: Browser;
let server: Server;
let baseUrl: string;

interface FakeMessage {
  id: string;
  text: string;
  createdAt: number;
}
type FakeStore = { __fakeInbox: { messages: Map<string, FakeMessage[]>; emit(scopes: string[]): void } };

/** True when the element is entirely inside the message list's visible area (not just rendered). */
async function fullyInView(element: Locator, scroller: Locator): Promise<boolean> {
  // A row scrolled far away is not in the DOM at all (virtualised): boundingBox would wait for it.
  if ((await element.count()) === 0) return false;
  const [box, view] = await Promise.all([element.boundingBox(), scroller.boundingBox()]);
  if (!box || !view) return false;
  return box.y >= view.y && box.y + box.height <= view.y + view.height;
}

/** Adds a customer message to the fake conversation and tells the app, as the core does after a sync. */
function customerWrites(page: Page, conversationId: string, id: string, text: string): Promise<void> {
  return page.evaluate(
    ({ conversationId, id, text }) => {
      const store = (globalThis as unknown as FakeStore).__fakeInbox;
      const message = { id, conversationId, direction: 'in', kind: 'text', text, createdAt: Date.now(), author: null, delivery: null, deliveryReason: null, purpose: 'reply', orderId: null };
      store.messages.get(conversationId)!.push(message);
      store.emit(['inbox', `conversation:${conversationId}`]);
    },
    { conversationId, id, text },
  );
}

function idOf(page: Page, text: string): Promise<string> {
  return page.evaluate((wanted) => {
    const store = (globalThis as unknown as FakeStore).__fakeInbox;
    return [...store.messages.values()].flat().find((message) => message.text.includes(wanted))!.id;
  }, text);
}

describe.skipIf(!chromiumPath)('message search opens the conversation at the hit (Chromium, fake API)', () => {
  beforeAll(async () => {
    await ensureRendererBuilt();
    mkdirSync(SCREENS_DIR, { recursive: true });
    ({ server, baseUrl } = await serveRenderer());
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  });

  it('scrolls to an old hit, highlights it, keeps it in view when a message arrives and reaches the newest below', async () => {
    const { page, errors } = await openFakeApp(browser, baseUrl, { session: 'signed_in' });
    await expect.poll(() => page.locator('.conversation-row').count()).toBeGreaterThan(8);
    const hitId = await idOf(page, '薰衣草');

    await page.keyboard.press('/');
    await page.keyboard.type('薰衣草');
    const hits = page.locator('.message-search-hit');
    await expect.poll(() => hits.count()).toBe(1);
    await hits.first().click();

    const scroller = page.locator('.message-scroll');
    const hit = page.locator(`[data-message-id="${hitId}"]`);
    await expect.poll(() => page.locator('.conversation-header').textContent()).toContain('Amy Wu');
    await expect.poll(() => fullyInView(hit, scroller), { timeout: 5_000 }).toBe(true);
    expect(await hit.getAttribute('class')).toContain('message-jump-hit');
    expect(await hit.locator('mark').textContent()).toBe('薰衣草');
    expect(await page.getByRole('status').filter({ hasText: '已跳到符合的訊息' }).count()).toBe(1);
    // The hit was beyond the first page: older pages were asked for by keyset, not by offset.
    const pages = (await recordedInvokes(page)).filter((call) => call.channel === 'conversation:messages');
    expect(pages.some((call) => (call.input as { before: unknown }).before !== null)).toBe(true);
    // Virtualised still: a couple of hundred messages loaded, a screenful rendered.
    expect(await page.locator('.message').count()).toBeLessThan(60);
    await page.screenshot({ path: join(SCREENS_DIR, '13-search-jump.png') });

    // A customer writes while the agent reads the hit: the view stays on it.
    const scrollTop = await scroller.evaluate((element) => element.scrollTop);
    const canvas = scroller.locator('.virtual-canvas');
    const heightBefore = await canvas.evaluate((element) => element.getBoundingClientRect().height);
    const newId = 'm-late';
    await customerWrites(page, 'c03', newId, '剛剛下單了，麻煩幫我確認');
    await expect.poll(() => canvas.evaluate((element) => element.getBoundingClientRect().height)).toBeGreaterThan(heightBefore);
    expect(Math.abs((await scroller.evaluate((element) => element.scrollTop)) - scrollTop)).toBeLessThan(2);
    expect(await fullyInView(hit, scroller)).toBe(true);

    // Briefly: the highlight goes away by itself.
    await expect.poll(() => page.locator('.message-jump-hit').count(), { timeout: 10_000 }).toBe(0);

    // Scrolling down from the hit reaches the newest message (the history loaded for the jump is contiguous).
    const newest = page.locator(`[data-message-id="${newId}"]`);
    await expect
      .poll(async () => {
        await scroller.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
        return fullyInView(newest, scroller);
      })
      .toBe(true);
    expect(await fullyInView(hit, scroller)).toBe(false);

    // Enter on the same hit jumps back to it.
    await hits.first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => fullyInView(hit, scroller), { timeout: 5_000 }).toBe(true);
    expect(await hit.getAttribute('class')).toContain('message-jump-hit');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('does not follow new messages to the bottom while the hit near the bottom is on screen', async () => {
    const { page, errors } = await openFakeApp(browser, baseUrl, { session: 'signed_in' });
    await expect.poll(() => page.locator('.conversation-row').count()).toBeGreaterThan(8);
    // The newest message is the hit: the list is at the bottom, where it would normally follow new messages.
    await customerWrites(page, 'c03', 'm-gift', '可以幫我包成禮物盒嗎？');
    await page.keyboard.press('/');
    await page.keyboard.type('禮物盒');
    await page.locator('.message-search-hit').first().click();
    const scroller = page.locator('.message-scroll');
    const hit = page.locator('[data-message-id="m-gift"]');
    await expect.poll(() => page.locator('.message-jump-hit').count(), { timeout: 5_000 }).toBe(1);
    await expect.poll(() => fullyInView(hit, scroller)).toBe(true);
    const scrollTop = await scroller.evaluate((element) => element.scrollTop);

    // No reply-rule keyword in it: a suggestion bar appearing would shrink the list from below and hide the hit.
    await customerWrites(page, 'c03', 'm-after', '好的，等你回覆');
    await expect.poll(() => page.locator('[data-message-id="m-after"]').count()).toBe(1);
    expect(Math.abs((await scroller.evaluate((element) => element.scrollTop)) - scrollTop)).toBeLessThan(2);
    expect(await fullyInView(hit, scroller)).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });
});
