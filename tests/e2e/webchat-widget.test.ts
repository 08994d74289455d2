import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/chromium';
import { ROOT_DIR } from '../support/processes';
import { ensureWebchatWidgetBuilt } from '../support/webchat-widget-build';
import { startShopPageServer } from './support/shop-page-server';
import { identityHash, startWebchatVisitorServer, type WebchatVisitorServer } from './support/webchat-visitor-server';

/**
 * The web chat widget as a shop embeds it: loaded from the "relay" (an in-memory implementation of the
 * visitor protocol, tests/e2e/support/webchat-visitor-server.ts) into a shop page on another origin, in
 * real Chromium. Screenshots go to test-results/webchat for a human look.
 */

const SCREENS_DIR = resolve(ROOT_DIR, 'test-results', 'webchat');
const chromiumPath = findChromium();
const allowedOrigins: string[] = [];
let browser: Browser;
let relay: WebchatVisitorServer;
let shop: Awaited<ReturnType<typeof startShopPageServer>>;
const contexts: BrowserContext[] = [];

interface ChatMessage {
  text: string;
  from: 'agent' | 'visitor';
  at: number;
}
type ChatWindow = {
  ShopInboxChat: {
    open(): void;
    close(): void;
    send(text: string): Promise<ChatMessage & { id: string }>;
    setUser(user: unknown): Promise<void>;
    on(event: string, cb: (value: unknown) => void): () => void;
  };
  received: ChatMessage[];
  errors: Array<{ code: string; message: string }>;
  earlySend: Promise<string>;
  earlyMessages: ChatMessage[];
  pwned?: number;
};

interface ShopVisit {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and console errors. */
  errors: string[];
  /** Every request the page made outside the shop's own origin. */
  foreignRequests: string[];
}

async function visitShop(options: { lang?: string; viewport?: { width: number; height: number }; context?: BrowserContext; stub?: boolean } = {}): Promise<ShopVisit> {
  const context = options.context ?? (await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, deviceScaleFactor: 1 }));
  if (!options.context) contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(shop.origin)) foreignRequests.push(request.url());
  });
  await page.goto(`${shop.url}?lang=${options.lang ?? 'zh-TW'}${options.stub ? '&stub=1' : ''}`);
  await page.waitForFunction(() => Boolean((globalThis as unknown as ChatWindow).ShopInboxChat));
  // Record every message event and error event the page's code would see.
  await page.evaluate(() => {
    const w = globalThis as unknown as ChatWindow;
    w.received = [];
    w.errors = [];
    w.ShopInboxChat.on('message', (message) => w.received.push(message as ChatMessage));
    w.ShopInboxChat.on('error', (error) => w.errors.push({ code: (error as { code: string }).code, message: (error as Error).message }));
  });
  return { page, context, errors, foreignRequests };
}

const visitorIdOf = (page: Page) => page.evaluate(() => localStorage.getItem('shopInboxChat.visitorId'));
const launcher = (page: Page) => page.locator('shop-inbox-chat .launcher');
const bubbles = (page: Page) => page.locator('shop-inbox-chat .msg');
const bubbleTexts = (page: Page) => page.locator('shop-inbox-chat .msg .text').allTextContents();
/** The element focused inside the widget's shadow root (document.activeElement is the host). */
const focusedInWidget = (page: Page) =>
  page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): { shadowRoot: { activeElement: { tagName: string; className: string } | null } | null } | null } }).document;
    const active = doc.querySelector('shop-inbox-chat')?.shadowRoot?.activeElement;
    return active ? `${active.tagName.toLowerCase()}.${active.className}` : null;
  });

async function sendFromPage(page: Page, text: string) {
  return page.evaluate((value) => (globalThis as unknown as ChatWindow).ShopInboxChat.send(value), text);
}

describe.skipIf(!chromiumPath)('web chat widget on a shop page (Chromium, in-memory visitor protocol)', () => {
  beforeAll(async () => {
    await ensureWebchatWidgetBuilt();
    mkdirSync(SCREENS_DIR, { recursive: true });
    relay = await startWebchatVisitorServer({ allowedOrigins });
    shop = await startShopPageServer(relay.url);
    allowedOrigins.push(shop.origin);
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await relay?.close();
    await shop?.close();
  });

  it('loads from the relay, send() resolves once the relay stored it, agents reply live, a reload shows it all again', async () => {
    const { page, context, errors, foreignRequests } = await visitShop();
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as ChatWindow).ShopInboxChat).sort())).toEqual(
      ['__shopInboxChat', 'close', 'on', 'open', 'send', 'setUser'].sort(),
    );
    const visitorId = await visitorIdOf(page);
    expect(visitorId).toMatch(/^[0-9a-f]{32}$/);
    await expect.poll(() => relay.visitorIds()).toContain(visitorId);
    const key = `visitor:${visitorId}`;

    const stored = await sendFromPage(page, '  你好，請問亞麻襯衫有 M 號嗎？ ');
    // The relay acknowledges only after storing: by the time send() resolved, it holds the trimmed text.
    expect(stored).toMatchObject({ text: '你好，請問亞麻襯衫有 M 號嗎？', from: 'visitor' });
    expect(relay.conversation(key)).toEqual([{ id: stored.id, text: stored.text, from: 'visitor', at: stored.at }]);
    // Announced once, although the relay also echoed it as a live `message`.
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as ChatWindow).received.map((m) => `${m.from}:${m.text}`))).toEqual([
      'visitor:你好，請問亞麻襯衫有 M 號嗎？',
    ]);

    // Panel closed: an agent's answer fires on('message') and lights the unread dot.
    relay.pushAgentMessage(key, '有的！M 號還有白色和卡其色。');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as ChatWindow).received.at(-1))).toMatchObject({ text: '有的！M 號還有白色和卡其色。', from: 'agent' });
    await expect.poll(() => launcher(page).getAttribute('data-unread')).toBe('');
    expect(await launcher(page).getAttribute('aria-label')).toBe('與店家聊聊（有新訊息）');
    expect(relay.unread(key)).toBe(1);

    await launcher(page).click();
    expect(await bubbleTexts(page)).toEqual(['你好，請問亞麻襯衫有 M 號嗎？', '有的！M 號還有白色和卡其色。']);
    await expect.poll(() => relay.unread(key)).toBe(0);
    expect(await launcher(page).getAttribute('data-unread')).toBeNull();
    expect(await focusedInWidget(page)).toBe('textarea.input');

    // Typing and pressing Enter is the same as send().
    await page.keyboard.type('那我要白色 M 號一件');
    await page.keyboard.press('Enter');
    await expect.poll(() => relay.conversation(key).map((m) => m.text)).toEqual(['你好，請問亞麻襯衫有 M 號嗎？', '有的！M 號還有白色和卡其色。', '那我要白色 M 號一件']);
    await expect.poll(() => page.locator('shop-inbox-chat .msg.visitor.stored').count()).toBe(2);
    expect(await page.locator('shop-inbox-chat textarea').inputValue()).toBe('');

    // Nothing but the widget script itself came from elsewhere (the socket is a WebSocket, not a request).
    expect(foreignRequests).toEqual([`${relay.url}/webchat/widget.js`]);
    expect(errors).toEqual([]);

    // Later the agent answers while the visitor is away; the next visit shows everything, with the dot.
    await page.close();
    relay.pushAgentMessage(key, '已幫您保留，請於今天下單 🙏');
    const again = await visitShop({ context });
    expect(await visitorIdOf(again.page)).toBe(visitorId);
    await expect.poll(() => launcher(again.page).getAttribute('data-unread')).toBe('');
    await launcher(again.page).click();
    await expect.poll(() => bubbleTexts(again.page)).toEqual([
      '你好，請問亞麻襯衫有 M 號嗎？',
      '有的！M 號還有白色和卡其色。',
      '那我要白色 M 號一件',
      '已幫您保留，請於今天下單 🙏',
    ]);
    await expect.poll(() => relay.unread(key)).toBe(0);
    expect(again.errors).toEqual([]);
  });

  it('shows markup in a message as text and runs none of it', async () => {
    const { page, errors } = await visitShop({ lang: 'en' });
    const key = `visitor:${await visitorIdOf(page)}`;
    await expect.poll(() => relay.visitorIds()).toContain(key.slice('visitor:'.length));
    const markup = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script><b>bold?</b>';
    relay.pushAgentMessage(key, markup);
    await sendFromPage(page, '<svg onload="window.pwned=3">');
    await page.evaluate(() => (globalThis as unknown as ChatWindow).ShopInboxChat.open());
    await expect.poll(() => bubbleTexts(page)).toEqual([markup, '<svg onload="window.pwned=3">']);
    expect(await page.locator('shop-inbox-chat img, shop-inbox-chat script, shop-inbox-chat b, shop-inbox-chat .msg svg').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as ChatWindow).pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('gives a second visitor their own id and only their own conversation', async () => {
    const first = await visitShop();
    const firstId = await visitorIdOf(first.page);
    await sendFromPage(first.page, '第一位客人的私人問題');
    const second = await visitShop();
    const secondId = await visitorIdOf(second.page);
    expect(secondId).toMatch(/^[0-9a-f]{32}$/);
    expect(secondId).not.toBe(firstId);
    relay.pushAgentMessage(`visitor:${secondId}`, '只給第二位客人');
    await second.page.evaluate(() => (globalThis as unknown as ChatWindow).ShopInboxChat.open());
    await expect.poll(() => bubbleTexts(second.page)).toEqual(['只給第二位客人']);
    await first.page.evaluate(() => (globalThis as unknown as ChatWindow).ShopInboxChat.open());
    expect(await bubbleTexts(first.page)).toEqual(['第一位客人的私人問題']);
  });

  it('speaks the page language: English unless <html lang> is zh*', async () => {
    const english = await visitShop({ lang: 'en' });
    expect(await launcher(english.page).getAttribute('aria-label')).toBe('Chat with us');
    await launcher(english.page).click();
    expect(await english.page.locator('shop-inbox-chat textarea').getAttribute('placeholder')).toBe('Type a message, press Enter to send');
    expect(await english.page.locator('shop-inbox-chat .close').getAttribute('aria-label')).toBe('Close chat');
    expect(await english.page.locator('shop-inbox-chat .send').textContent()).toBe('Send');

    const chinese = await visitShop({ lang: 'zh-Hant-TW' });
    expect(await launcher(chinese.page).getAttribute('aria-label')).toBe('與店家聊聊');
    await launcher(chinese.page).click();
    expect(await chinese.page.locator('shop-inbox-chat textarea').getAttribute('placeholder')).toBe('輸入訊息，按 Enter 傳送');
    expect(await chinese.page.locator('shop-inbox-chat .send').textContent()).toBe('傳送');
    expect(await chinese.page.locator('shop-inbox-chat .empty').textContent()).toBe('有任何問題都可以問我們，我們會盡快回覆！');
  });

  it('is usable with the keyboard: Tab reaches the launcher, Enter opens into the text box, Esc closes', async () => {
    const { page } = await visitShop({ lang: 'en' });
    let reached = false;
    for (let presses = 0; presses < 6 && !reached; presses += 1) {
      await page.keyboard.press('Tab');
      reached = (await focusedInWidget(page)) === 'button.launcher';
    }
    expect(reached).toBe(true);
    // A visible focus ring, whatever the shop's CSS does.
    expect(await launcher(page).evaluate((button) => (globalThis as unknown as { getComputedStyle(e: unknown): { outlineStyle: string } }).getComputedStyle(button).outlineStyle)).toBe('solid');
    await page.keyboard.press('Enter');
    expect(await page.locator('shop-inbox-chat .panel').isVisible()).toBe(true);
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
    expect(await focusedInWidget(page)).toBe('textarea.input');
    await page.keyboard.press('Escape');
    expect(await page.locator('shop-inbox-chat .panel').isVisible()).toBe(false);
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
    expect(await focusedInWidget(page)).toBe('button.launcher');
  });

  it('replays calls made through the stub before the async script ran', async () => {
    const { page } = await visitShop({ stub: true });
    const id = await page.evaluate(() => (globalThis as unknown as ChatWindow).earlySend);
    expect(relay.visitorMessages().find((message) => message.id === id)?.text).toBe('sent before the script loaded');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as ChatWindow).earlyMessages.map((m) => m.text))).toEqual(['sent before the script loaded']);
  });

  it('links a signed-in customer with the right hash and refuses a wrong one', async () => {
    const { page } = await visitShop({ lang: 'en' });
    relay.pushAgentMessage('customer:c-1001', 'Your order SO-0412 has shipped');
    const refused = await page.evaluate(async () => {
      try {
        await (globalThis as unknown as ChatWindow).ShopInboxChat.setUser({ id: 'c-1001', name: 'Mei', hash: '0'.repeat(64) });
        return 'resolved';
      } catch (error) {
        return `${(error as { code: string }).code}: ${(error as Error).message}`;
      }
    });
    expect(refused).toBe('IDENTITY_REJECTED: The identity hash does not match this user id');
    expect(await page.evaluate(() => (globalThis as unknown as ChatWindow).errors.map((e) => e.code))).toEqual(['IDENTITY_REJECTED']);
    const noHash = await page.evaluate(() => (globalThis as unknown as ChatWindow).ShopInboxChat.setUser({ id: 'c-1001', name: 'Mei' }).then(() => 'resolved', (error: { code: string }) => error.code));
    expect(noHash).toBe('INVALID');

    await page.evaluate((hash) => (globalThis as unknown as ChatWindow).ShopInboxChat.setUser({ id: 'c-1001', name: 'Mei', email: 'mei@example.com', hash }), identityHash('c-1001'));
    await page.evaluate(() => (globalThis as unknown as ChatWindow).ShopInboxChat.open());
    await expect.poll(() => bubbleTexts(page)).toEqual(['Your order SO-0412 has shipped']);
    const stored = await sendFromPage(page, 'Thanks!');
    expect(relay.conversation('customer:c-1001').map((m) => m.id)).toContain(stored.id);
  });

  it('tells the visitor when the relay does not allow this shop origin', async () => {
    allowedOrigins.splice(allowedOrigins.indexOf(shop.origin), 1);
    try {
      const { page } = await visitShop({ lang: 'en' });
      await launcher(page).click();
      await expect.poll(() => page.locator('shop-inbox-chat .status').textContent()).toBe('Chat is not available on this site');
      expect(relay.visitorIds()).not.toContain(await visitorIdOf(page));
    } finally {
      allowedOrigins.push(shop.origin);
    }
  });

  it('fills a 360 px phone when open and sits bottom-right on a desktop (screenshots)', async () => {
    const phone = await visitShop({ viewport: { width: 360, height: 740 } });
    const key = `visitor:${await visitorIdOf(phone.page)}`;
    await sendFromPage(phone.page, '請問寬褲有幾種顏色？身高 160 穿 M 會太長嗎？');
    relay.pushAgentMessage(key, '寬褲有黑、米白、橄欖綠三色。160 公分穿 M 號長度剛好到腳踝，需要的話我們也提供免費修改褲長喔！');
    await expect.poll(() => launcher(phone.page).getAttribute('data-unread')).toBe('');
    await phone.page.screenshot({ path: join(SCREENS_DIR, 'phone-360-closed-unread.png') });
    await launcher(phone.page).click();
    await expect.poll(() => bubbles(phone.page).count()).toBe(2);
    const panel = await phone.page.locator('shop-inbox-chat .panel').boundingBox();
    expect(panel).toEqual({ x: 0, y: 0, width: 360, height: 740 });
    await phone.page.screenshot({ path: join(SCREENS_DIR, 'phone-360-open.png') });

    const desktop = await visitShop({ lang: 'en', viewport: { width: 1280, height: 800 } });
    const desktopKey = `visitor:${await visitorIdOf(desktop.page)}`;
    await sendFromPage(desktop.page, 'Hi! Do you ship to Kaohsiung, and how long does it take?');
    relay.pushAgentMessage(desktopKey, 'Yes — home delivery takes 1–2 days, 7-Eleven pickup 2–3 days. Free over NT$1,000.');
    await launcher(desktop.page).click();
    await expect.poll(() => bubbles(desktop.page).count()).toBe(2);
    const desktopPanel = (await desktop.page.locator('shop-inbox-chat .panel').boundingBox())!;
    expect(desktopPanel.x + desktopPanel.width).toBeCloseTo(1260, 0);
    expect(desktopPanel.width).toBe(370);
    await desktop.page.locator('shop-inbox-chat textarea').fill('Great, thanks');
    await desktop.page.screenshot({ path: join(SCREENS_DIR, 'desktop-1280-open-en.png') });
  });
});
