import type { Server } from 'node:http';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/chromium';
import { SHORTCUTS } from '../../src/shared/desktop/shortcuts';
import { ensureRendererBuilt, openFakeApp, recordedInvokes, serveRenderer } from './support/renderer-page';
import { screenshotPath } from './support/live-stack';

/**
 * Every shortcut the "?" overlay lists, pressed in Chromium against the built renderer (fake core API), and a
 * real IME composition (Chromium's own composition through the DevTools protocol, as 注音 produces it) in the
 * composer that none of them may steal.
 */

const chromiumPath = findChromium();
let browser: Browser;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  ({ server, baseUrl } = await serveRenderer());
  browser = await chromium.launch({ executablePath: chromiumPath!, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

async function openInbox(): Promise<{ page: Page; errors: string[] }> {
  const app = await openFakeApp(browser, baseUrl, { session: 'signed_in', connection: 'online', pendingCount: 1, outbox: 'mixed' }, { viewport: { width: 1440, height: 900 } });
  await expect.poll(() => app.page.locator('.conversation-row').count(), { timeout: 15_000 }).toBeGreaterThan(4);
  return app;
}

const selectedName = (page: Page) => page.locator('.conversation-row.is-selected .conversation-name').textContent();
const focusedIs = (page: Page, selector: string) => page.evaluate<boolean>(`document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`);
const sends = async (page: Page) => (await recordedInvokes(page)).filter((call) => call.channel === 'reply:send');
/** Moves focus out of any field, as clicking the thread's background does. */
const leaveFields = (page: Page) => page.evaluate('document.activeElement?.blur()');

/** A conversation whose customer wrote last and matches a reply rule: it shows suggestions. */
async function openConversationWithSuggestions(page: Page): Promise<void> {
  const rows = page.locator('.conversation-row');
  for (let index = 0; index < (await rows.count()); index += 1) {
    await rows.nth(index).click();
    try {
      await expect.poll(() => page.locator('.suggestion-card').count(), { timeout: 1_500 }).toBeGreaterThan(0);
      return;
    } catch {
      // No suggestion for this customer's last message: try the next conversation.
    }
  }
  throw new Error('no conversation of the fake shows suggestions');
}

describe.skipIf(!chromiumPath)('keyboard shortcuts (Chromium)', () => {
  it('the "?" overlay lists every shortcut of the catalog that can be used now', async () => {
    const { page, errors } = await openInbox();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    const listed = await dialog.locator('[data-shortcut]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-shortcut')));
    expect(listed).toEqual(SHORTCUTS.map((shortcut) => shortcut.id));
    expect(await dialog.textContent()).toContain('下一位等待回覆的顧客');
    expect(await dialog.textContent()).toContain('標記為已完成');
    await page.screenshot({ path: screenshotPath('shortcut-overlay.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('every listed shortcut does what the overlay says', async () => {
    const { page, errors } = await openInbox();
    const rows = page.locator('.conversation-row');
    await rows.nth(1).click();
    const second = await selectedName(page);
    await leaveFields(page);

    // conversation.next / conversation.previous (both chords)
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => selectedName(page)).not.toBe(second);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => selectedName(page)).toBe(second);
    await page.keyboard.press('Control+]');
    await expect.poll(() => selectedName(page)).not.toBe(second);
    await page.keyboard.press('Control+[');
    await expect.poll(() => selectedName(page)).toBe(second);

    // conversation.nextUnanswered, all three chords (the core's Needs reply queue decides; the fake names its first)
    const waiting = await page.evaluate<string>('window.__fakeInbox.conversations[0].displayName');
    for (const chord of ['Alt+Shift+ArrowDown', 'Alt+N', 'Control+J']) {
      await rows.nth(1).click();
      await leaveFields(page);
      expect(await selectedName(page)).not.toBe(waiting);
      await page.keyboard.press(chord);
      await expect.poll(() => selectedName(page)).toBe(waiting);
    }
    expect((await recordedInvokes(page)).filter((call) => call.channel === 'workflow:nextWaiting')).toHaveLength(3);

    // conversation.assignMe, conversation.markDone (both chords), composer.noteMode — also while typing a reply
    const open = (await page.evaluate<string>('document.querySelector(".conversation-row.is-selected")?.getAttribute("data-conversation-id") ?? ""')) || null;
    await page.keyboard.press('Alt+A');
    await expect.poll(async () => (await recordedInvokes(page)).filter((call) => call.channel === 'workflow:assign').map((call) => call.input)).toEqual([
      expect.objectContaining({ assignee: '小美', ...(open ? { conversationId: open } : {}) }),
    ]);
    await page.keyboard.press('Alt+D');
    await page.keyboard.press('e');
    await expect.poll(async () => (await recordedInvokes(page)).filter((call) => call.channel === 'workflow:setStatus').map((call) => (call.input as { status: string }).status)).toEqual(['done', 'done']);
    await page.keyboard.press('r');
    await page.keyboard.press('Alt+M');
    await expect.poll(() => focusedIs(page, 'textarea[data-note-composer]')).toBe(true);
    await page.keyboard.press('Alt+M');
    await expect.poll(() => page.locator('textarea[data-note-composer]').count()).toBe(0);
    await expect.poll(() => focusedIs(page, 'textarea[data-composer]')).toBe(true);
    await page.keyboard.press('Escape');
    await leaveFields(page);

    // search: Ctrl+K from anywhere, / outside fields
    await page.keyboard.press('Control+K');
    await expect.poll(() => focusedIs(page, '.search-input')).toBe(true);
    await leaveFields(page);
    await page.keyboard.press('/');
    await expect.poll(() => focusedIs(page, '.search-input')).toBe(true);
    await page.keyboard.press('Escape');
    await leaveFields(page);

    // composer.focus, composer.newline, composer.send (Enter and Ctrl+Enter), composer.leave
    await page.keyboard.press('r');
    await expect.poll(() => focusedIs(page, 'textarea[data-composer]')).toBe(true);
    await page.keyboard.type('第一行');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('第二行');
    expect(await page.locator('textarea[data-composer]').inputValue()).toBe('第一行\n第二行');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await sends(page)).map((call) => (call.input as { text: string }).text)).toEqual(['第一行\n第二行']);
    await page.keyboard.type('用 Ctrl+Enter 送出');
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await sends(page)).length).toBe(2);
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedIs(page, 'textarea[data-composer]')).toBe(false);

    // tags.add
    await page.keyboard.press('t');
    await expect.poll(() => focusedIs(page, '.tag-input')).toBe(true);
    await page.keyboard.press('Escape');
    await leaveFields(page);

    // cart.toggle, cart.leave
    await page.keyboard.press('Alt+C');
    await expect.poll(() => page.locator('[data-cart-panel]').count()).toBe(1);
    await expect.poll(() => page.evaluate("document.activeElement?.closest('[data-cart-panel]') !== null")).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => focusedIs(page, 'textarea[data-composer]')).toBe(true);
    await page.keyboard.press('Alt+C');
    await expect.poll(() => page.locator('[data-cart-panel]').count()).toBe(0);
    await leaveFields(page);

    // suggestion.pick: 1 outside fields, Alt+1 while typing
    await openConversationWithSuggestions(page);
    const reply = (await page.locator('.suggestion-card .suggestion-reply').first().textContent())!;
    await leaveFields(page);
    await page.keyboard.press('1');
    await expect.poll(() => page.locator('textarea[data-composer]').inputValue()).toBe(reply);
    await page.locator('textarea[data-composer]').fill('');
    await page.keyboard.press('Alt+1');
    await expect.poll(() => page.locator('textarea[data-composer]').inputValue()).toBe(reply);
    await page.locator('textarea[data-composer]').fill('');
    await leaveFields(page);

    // suggestion.reject: 0 outside fields, Alt+0 while typing — "not this one" for the first suggestion
    const rejections = async () =>
      (await recordedInvokes(page)).filter((call) => call.channel === 'suggestions:feedback' && (call.input as { verdict: string }).verdict === 'rejected');
    await page.keyboard.press('0');
    await expect.poll(async () => (await rejections()).length).toBe(1);
    await leaveFields(page);

    // outbox.open
    await page.keyboard.press('o');
    await expect.poll(() => page.locator('.outbox-panel').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.outbox-panel').count()).toBe(0);

    // orders.customer, orders.open
    const customer = (await selectedName(page))!;
    await page.keyboard.press('Alt+Shift+O');
    await expect.poll(() => page.locator('.orders-view').count()).toBe(1);
    await expect.poll(() => page.locator('.orders-view').textContent()).toContain(customer);
    await page.locator('.app-nav').getByRole('button', { name: '收件匣' }).click();
    await page.keyboard.press('Alt+O');
    await expect.poll(() => page.locator('.orders-view').count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with the "Ctrl+Enter sends" setting, Enter adds a line and Ctrl+Enter sends; the overlay and the reply box say so', async () => {
    const { page, errors } = await openInbox();
    await page.locator('[data-preferences]').click();
    await page.getByRole('dialog').getByLabel('Ctrl+Enter 送出，Enter 換行').check();
    await page.getByRole('dialog').getByRole('button', { name: '完成' }).click();
    await page.locator('.conversation-row').first().click();
    const composer = page.locator('textarea[data-composer]');
    expect(await composer.getAttribute('placeholder')).toContain('Ctrl+Enter 送出');
    await composer.click();
    await page.keyboard.type('第一行');
    await page.keyboard.press('Enter');
    await page.keyboard.type('第二行');
    expect(await composer.inputValue()).toBe('第一行\n第二行');
    expect(await sends(page)).toEqual([]);
    await page.keyboard.press('Control+Enter');
    await expect.poll(async () => (await sends(page)).map((call) => (call.input as { text: string }).text)).toEqual(['第一行\n第二行']);
    await leaveFields(page);
    await page.keyboard.press('?');
    const send = page.getByRole('dialog').locator('[data-shortcut="composer.send"] dt');
    await expect.poll(() => send.textContent()).toBe('CtrlEnter');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('typing Chinese with an IME composition in the composer triggers no shortcut', async () => {
    const { page, errors } = await openInbox();
    await page.locator('.conversation-row').nth(2).click();
    const before = await selectedName(page);
    const composer = page.locator('textarea[data-composer]');
    await composer.click();
    await page.evaluate(`(() => {
      const seen = (window.__ime = []);
      const textarea = document.querySelector('textarea[data-composer]');
      textarea.addEventListener('compositionstart', () => seen.push('compositionstart'));
      textarea.addEventListener('compositionend', () => seen.push('compositionend'));
      textarea.addEventListener('keydown', (event) => seen.push('keydown ' + event.key + ' composing=' + event.isComposing + ' keyCode=' + event.keyCode));
    })()`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'ㄋㄧˇ', selectionStart: 3, selectionEnd: 3 });

    // Every shortcut's keys while the composition is open: as the IME reports them (229) and as plain keys.
    const modifiers = { Alt: 1, Control: 2, Shift: 8 } as const;
    const press = async (key: string, code: string, keyCode: number, held: Array<keyof typeof modifiers> = []) => {
      const modifierBits = held.reduce((bits, name) => bits | modifiers[name], 0);
      for (const virtualKey of [229, keyCode]) {
        await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: virtualKey === 229 ? 'Process' : key, code, windowsVirtualKeyCode: virtualKey, modifiers: modifierBits });
        await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: virtualKey === 229 ? 'Process' : key, code, windowsVirtualKeyCode: virtualKey, modifiers: modifierBits });
      }
    };
    await press('Enter', 'Enter', 13);
    await press('Enter', 'Enter', 13, ['Control']);
    await press('ArrowDown', 'ArrowDown', 40, ['Alt']);
    await press('ArrowDown', 'ArrowDown', 40, ['Alt', 'Shift']);
    await press('ArrowUp', 'ArrowUp', 38, ['Alt']);
    await press(']', 'BracketRight', 221, ['Control']);
    await press('k', 'KeyK', 75, ['Control']);
    await press('j', 'KeyJ', 74, ['Control']);
    for (const [key, keyCode] of [['a', 65], ['d', 68], ['n', 78], ['m', 77]] as const) await press(key, `Key${key.toUpperCase()}`, keyCode, ['Alt']);
    await press('c', 'KeyC', 67, ['Alt']);
    await press('o', 'KeyO', 79, ['Alt']);
    await press('O', 'KeyO', 79, ['Alt', 'Shift']);
    await press('1', 'Digit1', 49, ['Alt']);
    await press('?', 'Slash', 191, ['Shift']);
    for (const [key, keyCode] of [['r', 82], ['t', 84], ['o', 79], ['e', 69], ['1', 49], ['/', 191]] as const) {
      await press(key, key === '/' ? 'Slash' : key === '1' ? 'Digit1' : `Key${key.toUpperCase()}`, keyCode);
    }
    // The IME commits the characters the agent chose.
    await cdp.send('Input.insertText', { text: '你好' });

    const seen = await page.evaluate<string[]>('window.__ime');
    expect(seen[0]).toBe('compositionstart');
    expect(seen.filter((line) => line.startsWith('keydown')).every((line) => line.includes('composing=true') || line.includes('keyCode=229'))).toBe(true);
    expect(seen).toContain('compositionend');
    await expect.poll(() => composer.inputValue()).toBe('你好');
    expect(await focusedIs(page, 'textarea[data-composer]')).toBe(true);
    expect(await selectedName(page)).toBe(before);
    expect(await sends(page)).toEqual([]);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('[data-cart-panel]').count()).toBe(0);
    expect(await page.locator('.orders-view').count()).toBe(0);
    expect(await page.locator('.outbox-panel').count()).toBe(0);
    expect((await recordedInvokes(page)).filter((call) => ['workflow:nextWaiting', 'workflow:assign', 'workflow:setStatus'].includes(call.channel))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
