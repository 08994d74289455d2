import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/chromium';
import { webchatIdentityHash } from '../../src/relay/channels/webchat/identity';
import { silentLogger } from '../../src/relay/logger';
import { createAgentToken, loadRelayConfig, startRelay, type RunningRelay } from '../../src/relay/server';
import type { RelayEvent, ReplySendAck } from '../../src/shared/protocol';
import { connectAgent, type AgentConnection } from '../integration/relay/harness';
import { samplePdf, sampleParcelPhoto } from '../../src/demo/fake-line';
import { ROOT_DIR } from '../support/processes';
import { ensureWebchatWidgetBuilt } from '../support/webchat-widget-build';
import { startShopPageServer } from './support/shop-page-server';

/**
 * The web chat as a shop embeds it, end to end: the widget is loaded from the real relay (its own port, a real
 * SQLite file, WEBCHAT_ALLOWED_ORIGINS = the shop) into a shop page on another origin, in real Chromium; an agent
 * is a socket.io client on /agent that sees what visitors write and answers with reply.send. Screenshots go to
 * test-results/webchat for a human look.
 */

const SCREENS_DIR = resolve(ROOT_DIR, 'test-results', 'webchat');
const IDENTITY_SECRET = 'e2e-webchat-identity-secret-0123';
const chromiumPath = findChromium();
let browser: Browser;
let relay: RunningRelay;
let dataDir: string;
let agent: AgentConnection;
let shop: Awaited<ReturnType<typeof startShopPageServer>>;
/** A page of the same shop on an origin the relay does not allow. */
let strangerShop: Awaited<ReturnType<typeof startShopPageServer>>;
const contexts: BrowserContext[] = [];

const identityHash = (userId: string) => webchatIdentityHash(userId, IDENTITY_SECRET);

/** The customer message the agent received with this id (the widget's message id is the relay's). */
function agentReceived(messageId: string) {
  return agent.events.find((event): event is Extract<RelayEvent, { type: 'message.received' }> => event.type === 'message.received' && event.payload.messageId === messageId);
}

async function conversationOf(messageId: string): Promise<string> {
  await expect.poll(() => agentReceived(messageId), { timeout: 5000 }).toBeDefined();
  return agentReceived(messageId)!.conversationId;
}

const agentTexts = (conversationId: string) =>
  agent.events.flatMap((event) => (event.type === 'message.received' && event.conversationId === conversationId ? [event.payload.text] : []));

const visitorOnline = (conversationId: string) =>
  agent.events.flatMap((event) =>
    event.type === 'conversation.replyWindow' && event.conversationId === conversationId && event.payload.webchat ? [event.payload.webchat.visitorOnline] : [],
  );

/** The agent answers in the conversation, as the desktop app does (reply.send on /agent). */
async function agentReply(conversationId: string, text: string): Promise<ReplySendAck> {
  const ack = await agent.mutate({ id: randomUUID(), type: 'reply.send', payload: { conversationId, text } });
  expect(ack).toMatchObject({ ok: true, delivery: 'sent_free' });
  return ack;
}

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

async function newContext(viewport = { width: 1280, height: 800 }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  contexts.push(context);
  return context;
}

async function visitShop(options: { lang?: string; viewport?: { width: number; height: number }; context?: BrowserContext; stub?: boolean } = {}): Promise<ShopVisit> {
  const context = options.context ?? (await newContext(options.viewport));
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

describe.skipIf(!chromiumPath)('web chat widget on a shop page, against the real relay (Chromium)', () => {
  beforeAll(async () => {
    await ensureWebchatWidgetBuilt();
    mkdirSync(SCREENS_DIR, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'webchat-e2e-'));
    shop = await startShopPageServer(() => relay.url);
    strangerShop = await startShopPageServer(() => relay.url);
    relay = await startRelay(
      loadRelayConfig({
        RELAY_PORT: '0',
        RELAY_HOST: '127.0.0.1',
        RELAY_DATA_DIR: dataDir,
        WEBCHAT_ALLOWED_ORIGINS: shop.origin,
        WEBCHAT_IDENTITY_SECRET: IDENTITY_SECRET,
      }),
      { logger: silentLogger, quotaPolling: false, pollIntervalMs: 100 },
    );
    agent = connectAgent(relay.url, await createAgentToken(relay.store, { name: '小美', role: 'agent' }));
    await agent.hello;
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    agent?.close();
    await relay?.close();
    await shop?.close();
    await strangerShop?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads from the relay; send() reaches an agent as a web chat message; the reply shows live, sent_free; a reload shows it all', async () => {
    const { page, context, errors, foreignRequests } = await visitShop();
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as ChatWindow).ShopInboxChat).sort())).toEqual(
      ['__shopInboxChat', 'close', 'on', 'open', 'send', 'setUser'].sort(),
    );
    const visitorId = await visitorIdOf(page);
    expect(visitorId).toMatch(/^[0-9a-f]{32}$/);

    const stored = await sendFromPage(page, '  你好，請問亞麻襯衫有 M 號嗎？ ');
    // The relay acknowledges only after storing: by the time send() resolved, it was in the event log.
    expect(stored).toMatchObject({ text: '你好，請問亞麻襯衫有 M 號嗎？', from: 'visitor' });
    const conversationId = await conversationOf(stored.id);
    expect(agentReceived(stored.id)).toMatchObject({ occurredAt: stored.at, payload: { text: '你好，請問亞麻襯衫有 M 號嗎？', kind: 'text' } });
    const upserted = agent.events.find((event) => event.type === 'conversation.upserted' && event.conversationId === conversationId);
    expect(upserted).toMatchObject({ payload: { channel: 'webchat', displayName: expect.stringMatching(/^網站訪客 /) } });
    // The conversation id says nothing of the visitor id (a bearer secret kept by the browser).
    expect(conversationId).not.toContain(visitorId!);
    await expect.poll(() => visitorOnline(conversationId)).toEqual([true]);
    // Announced once, although the relay also echoed it as a live `message`.
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as ChatWindow).received.map((m) => `${m.from}:${m.text}`))).toEqual([
      'visitor:你好，請問亞麻襯衫有 M 號嗎？',
    ]);

    // Panel closed: the agent's answer fires on('message') from 'agent' within seconds and lights the unread dot.
    const answer = await agentReply(conversationId, '有的！M 號還有白色和卡其色。');
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as ChatWindow).received.at(-1)), { timeout: 5000 })
      .toMatchObject({ text: '有的！M 號還有白色和卡其色。', from: 'agent' });
    const delivered = agent.events.filter(
      (event) => (event.type === 'message.sent' || event.type === 'delivery.updated') && answer.ok && event.payload.messageId === answer.messageId,
    );
    expect(delivered.at(-1)?.payload).toMatchObject({ delivery: 'sent_free' });
    await expect.poll(() => launcher(page).getAttribute('data-unread')).toBe('');
    expect(await launcher(page).getAttribute('aria-label')).toBe('與店家聊聊（有新訊息）');

    await launcher(page).click();
    expect(await bubbleTexts(page)).toEqual(['你好，請問亞麻襯衫有 M 號嗎？', '有的！M 號還有白色和卡其色。']);
    expect(await launcher(page).getAttribute('data-unread')).toBeNull();
    expect(await focusedInWidget(page)).toBe('textarea.input');

    // Typing and pressing Enter is the same as send().
    await page.keyboard.type('那我要白色 M 號一件');
    await page.keyboard.press('Enter');
    await expect.poll(() => agentTexts(conversationId)).toEqual(['你好，請問亞麻襯衫有 M 號嗎？', '那我要白色 M 號一件']);
    await expect.poll(() => page.locator('shop-inbox-chat .msg.visitor.stored').count()).toBe(2);
    expect(await page.locator('shop-inbox-chat textarea').inputValue()).toBe('');

    // Nothing but the widget script itself came from elsewhere (the socket is a WebSocket, not a request).
    expect(foreignRequests).toEqual([`${relay.url}/webchat/widget.js`]);
    expect(errors).toEqual([]);

    // The visitor leaves (agents see it); the agent answers while they are away; the next visit shows everything, with the dot.
    await page.close();
    await expect.poll(() => visitorOnline(conversationId)).toEqual([true, false]);
    await agentReply(conversationId, '已幫您保留，請於今天下單 🙏');
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
    await expect.poll(() => visitorOnline(conversationId)).toEqual([true, false, true]);
    // Read on this visit: a third visit has no dot.
    const third = await visitShop({ context });
    await expect.poll(() => third.page.evaluate(() => Boolean((globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('shop-inbox-chat')))).toBe(true);
    await third.page.evaluate(() => (globalThis as unknown as ChatWindow).ShopInboxChat.open());
    await expect.poll(() => bubbleTexts(third.page)).toHaveLength(4);
    expect(await launcher(third.page).getAttribute('data-unread')).toBeNull();
    expect(again.errors).toEqual([]);
  });

  it('shows markup in a reply as text and runs none of it; agents get the visitor markup as plain text', async () => {
    const { page, errors } = await visitShop({ lang: 'en' });
    const mine = await sendFromPage(page, '<svg onload="window.pwned=3">');
    const conversationId = await conversationOf(mine.id);
    expect(agentReceived(mine.id)?.payload.text).toBe('<svg onload="window.pwned=3">');
    const markup = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script><b>bold?</b>';
    await agentReply(conversationId, markup);
    await page.evaluate(() => (globalThis as unknown as ChatWindow).ShopInboxChat.open());
    await expect.poll(() => bubbleTexts(page)).toEqual(['<svg onload="window.pwned=3">', markup]);
    expect(await page.locator('shop-inbox-chat img, shop-inbox-chat script, shop-inbox-chat b, shop-inbox-chat .msg svg').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as ChatWindow).pwned)).toBeUndefined();
    expect(errors).toEqual([]);
  });

  it('shows the shop’s photo and file in the panel, loaded from the relay', async () => {
    const { page, errors } = await visitShop();
    const mine = await sendFromPage(page, '可以看包裝照片嗎？');
    const conversationId = await conversationOf(mine.id);
    const token = await createAgentToken(relay.store, { name: '阿哲', role: 'agent' });
    const photo = sampleParcelPhoto(240, 180);
    for (const [id, body, kind, name] of [['widget-photo-upload', photo, 'image', '包裝.png'], ['widget-file-upload', samplePdf('Gift'), 'file', '包裝說明.pdf']] as const) {
      const uploaded = await fetch(`${relay.url}/uploads/${id}?kind=${kind}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${token}`, 'x-file-name': encodeURIComponent(name) },
        body: new Uint8Array(body),
      });
      expect(uploaded.status).toBe(201);
      const ack = await agent.mutate({ id: randomUUID(), type: 'reply.sendContent', payload: { conversationId, content: { type: kind, uploadId: id } } });
      expect(ack).toMatchObject({ ok: true, delivery: 'sent_free' });
    }
    await page.evaluate(() => (globalThis as unknown as ChatWindow).ShopInboxChat.open());
    const image = page.locator('shop-inbox-chat .msg.agent .photo img');
    await expect.poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth).catch(() => 0), { timeout: 10_000 }).toBe(240);
    const file = page.locator('shop-inbox-chat .msg.agent a.file');
    expect(await file.textContent()).toContain('包裝說明.pdf');
    expect(await file.getAttribute('download')).toBe('包裝說明.pdf');
    await page.screenshot({ path: join(SCREENS_DIR, 'widget-photo-and-file.png') });
    expect(errors).toEqual([]);
  });

  it('gives a second visitor their own conversation; they never see the first one\'s', async () => {
    const first = await visitShop();
    const firstId = await visitorIdOf(first.page);
    const firstConversation = await conversationOf((await sendFromPage(first.page, '第一位客人的私人問題')).id);
    const second = await visitShop();
    const secondId = await visitorIdOf(second.page);
    expect(secondId).toMatch(/^[0-9a-f]{32}$/);
    expect(secondId).not.toBe(firstId);
    const secondConversation = await conversationOf((await sendFromPage(second.page, '第二位客人')).id);
    expect(secondConversation).not.toBe(firstConversation);

    await agentReply(secondConversation, '只給第二位客人');
    await agentReply(firstConversation, '只給第一位客人');
    await second.page.evaluate(() => (globalThis as unknown as ChatWindow).ShopInboxChat.open());
    await first.page.evaluate(() => (globalThis as unknown as ChatWindow).ShopInboxChat.open());
    await expect.poll(() => bubbleTexts(second.page)).toEqual(['第二位客人', '只給第二位客人']);
    await expect.poll(() => bubbleTexts(first.page)).toEqual(['第一位客人的私人問題', '只給第一位客人']);
    const secondHeard = await second.page.evaluate(() => (globalThis as unknown as ChatWindow).received.map((m) => m.text));
    expect(secondHeard).toEqual(['第二位客人', '只給第二位客人']);
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
    await conversationOf(id);
    expect(agentReceived(id)?.payload.text).toBe('sent before the script loaded');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as ChatWindow).earlyMessages.map((m) => m.text))).toEqual(['sent before the script loaded']);
  });

  it('links a signed-in customer with the right hash (two devices, one conversation) and refuses a wrong one', async () => {
    const phone = await visitShop({ lang: 'en' });
    const refused = await phone.page.evaluate(async () => {
      try {
        await (globalThis as unknown as ChatWindow).ShopInboxChat.setUser({ id: 'c-1001', name: 'Mei', hash: '0'.repeat(64) });
        return 'resolved';
      } catch (error) {
        return `${(error as { code: string }).code}: ${(error as Error).message}`;
      }
    });
    expect(refused).toBe('IDENTITY_REJECTED: The identity hash does not match this user id');
    expect(await phone.page.evaluate(() => (globalThis as unknown as ChatWindow).errors.map((e) => e.code))).toEqual(['IDENTITY_REJECTED']);
    const noHash = await phone.page.evaluate(() => (globalThis as unknown as ChatWindow).ShopInboxChat.setUser({ id: 'c-1001', name: 'Mei' }).then(() => 'resolved', (error: { code: string }) => error.code));
    expect(noHash).toBe('INVALID');

    await phone.page.evaluate((hash) => (globalThis as unknown as ChatWindow).ShopInboxChat.setUser({ id: 'c-1001', name: 'Mei', email: 'mei@example.com', hash }), identityHash('c-1001'));
    const question = await sendFromPage(phone.page, 'Has my order SO-0412 shipped?');
    const conversationId = await conversationOf(question.id);
    expect(agent.events.find((event) => event.type === 'conversation.upserted' && event.conversationId === conversationId)).toMatchObject({
      payload: { channel: 'webchat', displayName: 'Mei' },
    });
    await agentReply(conversationId, 'Yes, it shipped this morning');

    // The same customer on a laptop (another browser, another visitor id): the same conversation.
    const laptop = await visitShop({ lang: 'en' });
    expect(await visitorIdOf(laptop.page)).not.toBe(await visitorIdOf(phone.page));
    await laptop.page.evaluate((hash) => (globalThis as unknown as ChatWindow).ShopInboxChat.setUser({ id: 'c-1001', name: 'Mei', hash }), identityHash('c-1001'));
    await laptop.page.evaluate(() => (globalThis as unknown as ChatWindow).ShopInboxChat.open());
    await expect.poll(() => bubbleTexts(laptop.page)).toEqual(['Has my order SO-0412 shipped?', 'Yes, it shipped this morning']);
    const followUp = await sendFromPage(laptop.page, 'Thanks!');
    expect(await conversationOf(followUp.id)).toBe(conversationId);
    await phone.page.evaluate(() => (globalThis as unknown as ChatWindow).ShopInboxChat.open());
    await expect.poll(() => bubbleTexts(phone.page)).toEqual(['Has my order SO-0412 shipped?', 'Yes, it shipped this morning', 'Thanks!']);
  });

  it('a page on an origin the relay does not allow gets no chat and reaches no agent', async () => {
    const page = await (await newContext()).newPage();
    await page.goto(`${strangerShop.url}?lang=en`);
    await page.waitForFunction(() => Boolean((globalThis as unknown as ChatWindow).ShopInboxChat));
    await page.locator('shop-inbox-chat .launcher').click();
    // Shown only after the relay refused the socket with origin_not_allowed.
    await expect.poll(() => page.locator('shop-inbox-chat .status').textContent()).toBe('Chat is not available on this site');
    // The page is told why at once, with the relay's code, instead of waiting for the send deadline.
    const refused = await page.evaluate(() =>
      (globalThis as unknown as ChatWindow).ShopInboxChat.send('hello from a stranger').then(
        () => 'sent',
        (error: { code?: string }) => error.code,
      ),
    );
    expect(refused).toBe('origin_not_allowed');
    // A visitor on the shop's own origin writes afterwards and is heard; the stranger never is.
    const { page: shopPage } = await visitShop({ lang: 'en' });
    await conversationOf((await sendFromPage(shopPage, 'hello from the shop')).id);
    expect(agent.events.some((event) => event.type === 'message.received' && event.payload.text.includes('stranger'))).toBe(false);
  });

  it('fills a 360 px phone when open and sits bottom-right on a desktop (screenshots)', async () => {
    const phone = await visitShop({ viewport: { width: 360, height: 740 } });
    const phoneConversation = await conversationOf((await sendFromPage(phone.page, '請問寬褲有幾種顏色？身高 160 穿 M 會太長嗎？')).id);
    await agentReply(phoneConversation, '寬褲有黑、米白、橄欖綠三色。160 公分穿 M 號長度剛好到腳踝，需要的話我們也提供免費修改褲長喔！');
    await expect.poll(() => launcher(phone.page).getAttribute('data-unread')).toBe('');
    await phone.page.screenshot({ path: join(SCREENS_DIR, 'phone-360-closed-unread.png') });
    await launcher(phone.page).click();
    await expect.poll(() => bubbles(phone.page).count()).toBe(2);
    const panel = await phone.page.locator('shop-inbox-chat .panel').boundingBox();
    expect(panel).toEqual({ x: 0, y: 0, width: 360, height: 740 });
    await phone.page.screenshot({ path: join(SCREENS_DIR, 'phone-360-open.png') });

    const desktop = await visitShop({ lang: 'en', viewport: { width: 1280, height: 800 } });
    const desktopConversation = await conversationOf((await sendFromPage(desktop.page, 'Hi! Do you ship to Kaohsiung, and how long does it take?')).id);
    await agentReply(desktopConversation, 'Yes — home delivery takes 1–2 days, 7-Eleven pickup 2–3 days. Free over NT$1,000.');
    await launcher(desktop.page).click();
    await expect.poll(() => bubbles(desktop.page).count()).toBe(2);
    const desktopPanel = (await desktop.page.locator('shop-inbox-chat .panel').boundingBox())!;
    expect(desktopPanel.x + desktopPanel.width).toBeCloseTo(1260, 0);
    expect(desktopPanel.width).toBe(370);
    await desktop.page.locator('shop-inbox-chat textarea').fill('Great, thanks');
    await desktop.page.screenshot({ path: join(SCREENS_DIR, 'desktop-1280-open-en.png') });
  });
});
