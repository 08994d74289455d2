import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { BRIDGE_CLOSE_UNAUTHORIZED, BRIDGE_PATH, bridgeClientMessageSchema } from '../../src/shared/ipc';
import { fakeInboxApiScript, type FakeInboxOptions, type RecordedInvoke } from '../fakes/fake-inbox-api';
import { ROOT_DIR } from '../support/processes';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/chromium';
import { ensureRendererBuilt, serveRenderer } from './support/renderer-page';

/**
 * The built renderer in a real Chromium against the in-memory fake API: checks the main flows and saves
 * 1440×900 screenshots to test-results/screens for a human look.
 */

const SCREENS_DIR = resolve(ROOT_DIR, 'test-results', 'screens');
const chromiumPath = findChromium();
let browser: Browser;
let server: Server;
let baseUrl: string;

async function openApp(options: FakeInboxOptions, language: 'zh-TW' | 'en' = 'zh-TW'): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  (page as Page & { appErrors?: string[] }).appErrors = errors;
  await page.addInitScript({ content: `localStorage.setItem('shop-inbox.language', ${JSON.stringify(language)});` });
  await page.addInitScript({ content: fakeInboxApiScript(options) });
  await page.goto(`${baseUrl}/`);
  return page;
}

function appErrors(page: Page): string[] {
  return (page as Page & { appErrors?: string[] }).appErrors ?? [];
}

async function invokes(page: Page): Promise<RecordedInvoke[]> {
  return page.evaluate(() => (globalThis as unknown as { __fakeInbox: { invokes: RecordedInvoke[] } }).__fakeInbox.invokes);
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) });
}

const BRIDGE_SECRET = 'test-secret-7f3a';
/** Bridge frames the page sent, for the assertions of the bridge test. */
const bridgeFrames: unknown[] = [];

/** A minimal stand-in for the browser host's bridge: auth, then answers session:get and store:health. */
function attachBridge(http: Server): WebSocketServer {
  const wss = new WebSocketServer({ server: http, path: BRIDGE_PATH });
  wss.on('connection', (socket) => {
    let authed = false;
    socket.on('message', (data) => {
      const frame = bridgeClientMessageSchema.parse(JSON.parse(String(data)));
      bridgeFrames.push(frame);
      if (frame.kind === 'auth') {
        if (frame.secret !== BRIDGE_SECRET) return socket.close(BRIDGE_CLOSE_UNAUTHORIZED, 'unauthorized');
        authed = true;
        return socket.send(JSON.stringify({ kind: 'ready' }));
      }
      if (!authed) return socket.close(BRIDGE_CLOSE_UNAUTHORIZED, 'unauthorized');
      const answers: Record<string, unknown> = {
        'session:get': { state: 'signed_out', demoAvailable: false, tokenStorage: 'os_encrypted', refusedRelayUrl: null },
        'store:health': { state: 'ok' },
      };
      const output = answers[frame.channel];
      socket.send(
        JSON.stringify(
          output ? { kind: 'result', id: frame.id, ok: true, output } : { kind: 'result', id: frame.id, ok: false, error: `${frame.channel} is not served here` },
        ),
      );
    });
  });
  return wss;
}

let bridgeServer: WebSocketServer;

describe.skipIf(!chromiumPath)('renderer screens (Chromium, fake API)', () => {
  beforeAll(async () => {
    await ensureRendererBuilt();
    mkdirSync(SCREENS_DIR, { recursive: true });
    ({ server, baseUrl } = await serveRenderer());
    bridgeServer = attachBridge(server);
    browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    for (const client of bridgeServer?.clients ?? []) client.terminate();
    await new Promise<void>((done) => (bridgeServer ? bridgeServer.close(() => done()) : done()));
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  });

  it('talks to the browser host over the WebSocket bridge and hides the secret from the address bar', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${baseUrl}/#secret=${BRIDGE_SECRET}`);
    // session:get answered over the bridge: signed out, no demo → the sign-in form without the demo button.
    await expect.poll(() => page.getByRole('button', { name: '連線', exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: '試用示範（模擬顧客）' }).count()).toBe(0);
    expect(page.url()).not.toContain(BRIDGE_SECRET);
    expect(bridgeFrames[0]).toEqual({ kind: 'auth', secret: BRIDGE_SECRET });
    expect(bridgeFrames).toContainEqual(expect.objectContaining({ kind: 'invoke', channel: 'session:get' }));

    await page.close();

    const stranger = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await stranger.goto(`${baseUrl}/#secret=wrong`);
    await expect.poll(() => stranger.locator('.bridge-banner').textContent()).toContain('這個網址已失效');
    await stranger.close();
  });

  it('shows the connection screen with the demo button and the sign-in error', async () => {
    const page = await openApp({ session: 'signed_out', demoAvailable: true });
    await expect.poll(() => page.getByRole('button', { name: '試用示範（模擬顧客）' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('input[type="password"]').count()).toBe(1);
    await screenshot(page, '01-connect');

    await page.getByPlaceholder('https://relay.your-shop.tw').fill('https://relay.flowerdress.tw');
    await page.locator('input[type="password"]').fill('wrong-token');
    await page.getByRole('button', { name: '顯示' }).click();
    await expect.poll(() => page.locator('input[type="password"]').count()).toBe(0);
    await page.getByRole('button', { name: '連線', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('權杖無效或已被停用');
    await screenshot(page, '02-connect-error');

    await page.getByRole('button', { name: '試用示範（模擬顧客）' }).click();
    await expect.poll(() => page.locator('.conversation-row').count()).toBeGreaterThan(5);
    expect((await invokes(page)).map((call) => call.channel)).toContain('session:signInDemo');
    expect(appErrors(page)).toEqual([]);
    await page.close();
  });

  it('lists conversations, opens one, and sends a reply with Enter', async () => {
    const page = await openApp({ session: 'signed_in', pendingCount: 3, catchUp: { applied: 12_400, total: 50_000 } });
    await expect.poll(() => page.locator('.conversation-row').count()).toBeGreaterThan(8);
    // Virtualised: far fewer rows in the DOM than conversations.
    expect(await page.locator('.conversation-row').count()).toBeLessThan(40);
    await expect.poll(() => page.locator('.topbar').textContent()).toContain('3 則待傳送');
    expect(await page.locator('.topbar').textContent()).toContain('同步中 12,400 / 50,000');
    await screenshot(page, '03-inbox');

    await page.locator('.conversation-row', { hasText: '陳小姐' }).click();
    await expect.poll(() => page.locator('.message').count()).toBeGreaterThan(2);
    await expect.poll(() => page.locator('.window-status').textContent()).toMatch(/免費回覆剩 0:\d\d/);
    expect((await invokes(page)).some((call) => call.channel === 'conversation:markRead')).toBe(true);

    const composer = page.locator('textarea[data-composer]');
    await composer.click();
    await composer.pressSequentially('有的，M號還有兩件');
    await screenshot(page, '04-conversation-free-window');
    await composer.press('Enter');
    await expect
      .poll(async () => (await invokes(page)).find((call) => call.channel === 'reply:send')?.input)
      .toEqual({ conversationId: 'c01', text: '有的，M號還有兩件' });
    await expect.poll(() => composer.inputValue()).toBe('');
    await expect.poll(() => page.locator('.message-out', { hasText: '有的，M號還有兩件' }).count()).toBe(1);
    await expect.poll(() => page.locator('.message-out', { hasText: '有的，M號還有兩件' }).locator('.badge').textContent()).toContain('已送出・免費');

    // Signing out asks first, then returns to the connection screen.
    await page.locator('.topbar').getByRole('button', { name: '登出' }).click();
    await expect.poll(() => page.getByRole('alertdialog').textContent()).toContain('確定要登出嗎');
    await page.getByRole('alertdialog').getByRole('button', { name: '登出' }).click();
    await expect.poll(() => page.getByRole('button', { name: '試用示範（模擬顧客）' }).isVisible()).toBe(true);
    expect((await invokes(page)).filter((call) => call.channel === 'session:signOut')).toHaveLength(1);
    expect(appErrors(page)).toEqual([]);
    await page.close();
  });

  it('shows every delivery state of outgoing messages', async () => {
    const page = await openApp({ session: 'signed_in' });
    await page.locator('.conversation-row', { hasText: '林志明' }).click();
    await expect.poll(() => page.locator('.message-out .badge').count()).toBe(5);
    const badges = await page.locator('.message-out .badge').allTextContents();
    expect(badges.join('|')).toContain('已送出・免費');
    expect(badges.join('|')).toContain('已推播・計費');
    expect(badges.join('|')).toContain('保留中（等顧客回覆）');
    expect(badges.join('|')).toContain('待傳送');
    expect(badges.join('|')).toContain('失敗：LINE 沒有回應');
    expect(await page.locator('.window-status').textContent()).toContain('免費回覆時間已過');
    expect(await page.locator('.reply-hint').textContent()).toContain('保留');
    await screenshot(page, '05-conversation-delivery');

    // 王媽媽 wrote 41 s before the page opened: under 15 s left, the countdown turns amber.
    await page.locator('.conversation-row', { hasText: '王媽媽' }).click();
    await expect.poll(() => page.locator('.window-status').getAttribute('class')).toMatch(/window-(urgent|closed)/);
    await screenshot(page, '10-conversation-urgent');
    await page.close();
  });

  it('pages through a long history, moves with Alt+↓ and shows the shortcut help', async () => {
    const page = await openApp({ session: 'signed_in' });
    await page.locator('.conversation-row', { hasText: 'Amy Wu' }).click();
    await expect.poll(() => page.locator('.message').count()).toBeGreaterThan(3);
    const olderPages = async () =>
      (await invokes(page)).filter((call) => call.channel === 'conversation:messages' && (call.input as { before: unknown }).before !== null).length;
    const scroller = page.locator('.message-scroll');
    await expect.poll(() => scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
    // The oldest message of the first page (100 newest) is the one at the top once scrolled up.
    const oldestShown = await page.evaluate(() => {
      const store = (globalThis as unknown as { __fakeInbox: { messages: Map<string, Array<{ id: string }>> } }).__fakeInbox;
      const list = store.messages.get('c03')!;
      return list[list.length - 100]!.id;
    });
    await scroller.evaluate((element) => element.scrollTo({ top: 0 }));
    await expect.poll(olderPages).toBe(1);
    // The older page lands above what the agent was reading: the view stays put instead of jumping to the top.
    await expect.poll(() => scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(2_000);
    expect(await olderPages()).toBe(1);
    expect(await page.locator(`[data-message-id="${oldestShown}"]`).isVisible()).toBe(true);
    await screenshot(page, '06-conversation-history');

    await page.locator('body').click({ position: { x: 700, y: 400 } });
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => page.locator('.conversation-header').textContent()).not.toContain('Amy Wu');
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await screenshot(page, '07-shortcuts');
    await page.close();
  });

  it('renders the English inbox and the empty state', async () => {
    const english = await openApp({ session: 'signed_in', connection: 'offline', pendingCount: 1 }, 'en');
    await expect.poll(() => english.locator('.conversation-row').count()).toBeGreaterThan(8);
    await english.locator('.conversation-row', { hasText: '林志明' }).click();
    await expect.poll(() => english.locator('.message-out .badge').count()).toBe(5);
    expect(await english.locator('.topbar').textContent()).toContain('Offline');
    await screenshot(english, '08-inbox-english-offline');
    await english.close();

    const empty = await openApp({ session: 'signed_in', conversations: 'none' });
    await expect.poll(() => empty.locator('.list-empty').textContent()).toContain('還沒有對話');
    await screenshot(empty, '09-inbox-empty');
    await empty.close();
  });
  it('lists what waits to be sent, with states, reasons and retry, and opens with O', async () => {
    const page = await openApp({ session: 'signed_in', connection: 'offline', pendingCount: 2, outbox: 'mixed' });
    const badge = page.locator('.topbar-pending');
    await expect.poll(() => badge.textContent()).toContain('3 則待傳送・1 則失敗');
    await page.keyboard.press('o');
    const panel = page.locator('.outbox-panel');
    await expect.poll(() => panel.locator('.outbox-item').count()).toBe(3);
    expect(await panel.locator('.outbox-item-failed .outbox-error').textContent()).toContain('中繼站拒絕');
    expect(await panel.locator('.outbox-item-queued .outbox-next').textContent()).toContain('秒後自動重試');
    expect(await panel.locator('.outbox-item-sending .outbox-retry').count()).toBe(0);
    await screenshot(page, '11-outbox-panel');
    await panel.locator('.outbox-item-failed .outbox-retry').click();
    await expect.poll(async () => (await invokes(page)).filter((call) => call.channel === 'outbox:retry')).toEqual([
      { channel: 'outbox:retry', input: { id: 'ob-3' } },
    ]);
    await expect.poll(() => panel.locator('.outbox-item-failed').count()).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.outbox-panel').count()).toBe(0);
    expect(appErrors(page)).toEqual([]);
    await page.close();
  });
  it('shows every channel: marks, the channel filter with counts and keys, each composer window, search hits', async () => {
    const page = await openApp({ session: 'signed_in' });
    const rows = page.locator('.conversation-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(8);
    const marks = async () => new Set(await rows.locator('.channel-mark').allTextContents());
    await expect.poll(marks).toEqual(new Set(['LINE', 'Messenger', 'Instagram', '網站聊天']));
    const filter = page.getByRole('radiogroup', { name: '依管道篩選' });
    await expect.poll(() => filter.getByRole('radio', { name: '網站聊天，1 則對話' }).isVisible()).toBe(true);
    expect(await filter.getByRole('radio', { name: '全部，43 則對話' }).getAttribute('aria-checked')).toBe('true');
    await screenshot(page, '13-inbox-four-channels');

    // Choosing Messenger lists only it; the arrow key moves on to Instagram (keyboard only).
    await filter.getByRole('radio', { name: /^Messenger/ }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Mia Lin');
    expect((await invokes(page)).some((call) => call.channel === 'inbox:list' && JSON.stringify(call.input).includes('"channel":"messenger"'))).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => rows.first().textContent()).toContain('yuki.closet');
    expect(
      await filter.getByRole('radio', { name: /^Instagram/ }).evaluate((element) => element === (element.ownerDocument as { activeElement: unknown }).activeElement),
    ).toBe(true);
    await filter.getByRole('radio', { name: /^全部/ }).click();
    await expect.poll(() => rows.count()).toBeGreaterThan(8);

    // Messenger: Meta's 24 h window in hours and minutes, no counted-push controls.
    await rows.filter({ hasText: 'Mia Lin' }).click();
    await expect.poll(() => page.locator('.window-status').textContent()).toMatch(/^24 小時回覆視窗：剩 23 小時 2\d 分$/);
    const composer = page.locator('textarea[data-composer]');
    await composer.click();
    await composer.pressSequentially('有的，M 號還有兩件，可以寄到台中喔');
    expect(await page.locator('.composer-push').count()).toBe(0);
    expect(await page.locator('.reply-hint').textContent()).toContain('免費回覆');
    await screenshot(page, '14-conversation-messenger');

    await rows.filter({ hasText: 'yuki.closet' }).click();
    await expect.poll(() => page.locator('.window-status').textContent()).toBe('真人客服視窗（7 天）：剩 3 天');
    await rows.filter({ hasText: '網站訪客 王先生' }).click();
    await expect.poll(() => page.locator('.window-status').textContent()).toBe('訪客在線');
    expect(await page.locator('.conversation-header .channel-mark').textContent()).toBe('網站聊天');

    await page.keyboard.press('/');
    await page.keyboard.type('洋裝');
    const hits = page.locator('.message-search-hit');
    await expect.poll(() => hits.filter({ hasText: 'Mia Lin' }).locator('.channel-mark').textContent()).toBe('Messenger');
    expect(await hits.first().locator('.channel-mark').textContent()).toBe('LINE');

    // The savings report: LINE's savings as before, free replies counted per channel.
    await page.keyboard.press('Escape');
    await page.locator('.app-nav').getByRole('button', { name: '節省報表' }).click();
    const channels = page.locator('.report-channel');
    await expect.poll(() => channels.count()).toBe(4);
    expect(await channels.nth(1).textContent()).toContain('Messenger');
    expect(await channels.nth(1).textContent()).toContain('360 則免費回覆');
    expect(await page.locator('.report-channel-saved').count()).toBe(1);
    await screenshot(page, '15-reports-channels');
    expect(appErrors(page)).toEqual([]);
    await page.close();
  });

  it('finds messages by any part of their text and opens the conversation', async () => {
    const page = await openApp({ session: 'signed_in' });
    await expect.poll(() => page.locator('.conversation-row').count()).toBeGreaterThan(8);
    await page.keyboard.press('/');
    await page.keyboard.type('洋裝');
    const hits = page.locator('.message-search-hit');
    await expect.poll(() => hits.first().locator('mark').textContent()).toBe('洋裝');
    expect(await hits.count()).toBeGreaterThan(1);
    await screenshot(page, '12-message-search');
    const name = await hits.first().locator('.message-search-name').textContent();
    await hits.first().click();
    await expect.poll(() => page.locator('.conversation-header').textContent()).toContain(name ?? '');
    expect((await invokes(page)).some((call) => call.channel === 'search:messages' && (call.input as { query: string }).query === '洋裝')).toBe(true);
    expect(appErrors(page)).toEqual([]);
    await page.close();
  });
});
