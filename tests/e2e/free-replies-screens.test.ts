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
 * The built renderer against the in-memory fake API: held-message tray, consented push, quota meter and the
 * savings report. Screenshots (1440×900) go to test-results/screens.
 */
const SCREENS_DIR = resolve(ROOT_DIR, 'test-results', 'screens');

let browser: Browser;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  ({ server, baseUrl } = await serveRenderer());
  browser = await chromium.launch({ executablePath: findChromium()!, args: CHROMIUM_ARGS });
  mkdirSync(SCREENS_DIR, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
});

async function openApp(options: FakeInboxOptions, language: 'zh-TW' | 'en' = 'zh-TW'): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript({ content: `localStorage.setItem('shop-inbox.language', ${JSON.stringify(language)});` });
  await page.addInitScript({ content: fakeInboxApiScript(options) });
  await page.goto(`${baseUrl}/`);
  return { page, errors };
}
const invokes = (page: Page) => page.evaluate(() => (globalThis as unknown as { __fakeInbox: { invokes: RecordedInvoke[] } }).__fakeInbox.invokes);

describe('free replies first: held tray, consented push, quota meter, savings report', () => {
  it('lists held and unconfirmed messages with actions, and asks once before a counted push', async () => {
    const { page, errors } = await openApp({ session: 'signed_in' });
    await expect.poll(() => page.locator('[data-quota-meter]').textContent()).toContain('37 / 200');
    await page.locator('.conversation-row', { hasText: '林志明' }).click();
    const tray = page.locator('.held-tray');
    await expect.poll(() => tray.locator('.held-item').count()).toBe(2);
    expect(await tray.textContent()).toContain('不確定是否送達');
    // A held reply has not answered yet: its age shows (26 minutes, under the shop's 30-minute alert).
    expect(await tray.locator('.held-item-held .held-item-age').textContent()).toMatch(/^保留中 2[67] 分$/);
    expect(await tray.locator('.held-item-held .held-item-age').getAttribute('data-overdue')).toBeNull();
    expect(await page.locator('.composer-push').textContent()).toBe('以推播送出（計費）');
    expect(await page.locator('.reply-hint-price').textContent()).toContain('計費推播 — 約 NT$0.2');
    await page.screenshot({ path: join(SCREENS_DIR, '20-held-tray.png') });

    // Send as push from the composer: a confirm dialog first; cancelling it sends nothing.
    await page.locator('textarea[data-composer]').fill('今天幫您寄出，明天到貨');
    await page.locator('.composer-push').click();
    const dialog = page.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('NT$0.2');
    await page.screenshot({ path: join(SCREENS_DIR, '21-push-confirm.png') });
    await dialog.getByRole('button', { name: '取消' }).click();
    expect((await invokes(page)).filter((call) => call.channel === 'reply:send')).toHaveLength(0);
    await page.locator('.composer-push').click();
    await page.getByRole('alertdialog').getByRole('button', { name: '以推播送出' }).click();
    await expect.poll(async () => (await invokes(page)).filter((call) => call.channel === 'reply:send').map((call) => call.input)).toEqual([
      { conversationId: expect.any(String), text: '今天幫您寄出，明天到貨', push: true },
    ]);

    // Push the held one from the tray (confirmed), ignore the unconfirmed one.
    await tray.locator('.held-item-held').getByRole('button', { name: '以推播送出' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '以推播送出' }).click();
    await tray.locator('.held-item-unconfirmed').getByRole('button', { name: '忽略' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: '取消訊息' }).click();
    await expect.poll(() => page.locator('.held-tray').count()).toBe(0);
    const actions = (await invokes(page)).map((call) => call.channel).filter((channel) => channel === 'reply:push' || channel === 'reply:cancel');
    expect(actions).toEqual(['reply:push', 'reply:cancel']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('edits a held message in place', async () => {
    const { page } = await openApp({ session: 'signed_in' });
    await page.locator('.conversation-row', { hasText: '林志明' }).click();
    await page.locator('.held-item-held').getByRole('button', { name: '編輯' }).click();
    await page.locator('.held-edit-input').fill('金門運費 NT$150，滿 NT$2,000 免運');
    await page.locator('.held-edit-input').press('Enter');
    await expect.poll(() => page.locator('.held-item-held .held-item-body').textContent()).toBe('金門運費 NT$150，滿 NT$2,000 免運');
    await page.close();
  });

  it('shows the quota blocked in red and hides the push option', async () => {
    const { page } = await openApp({ session: 'signed_in', quota: { used: 200, limit: 200, blocked: true } });
    await expect.poll(() => page.locator('[data-quota-meter]').getAttribute('class')).toContain('is-blocked');
    await page.locator('.conversation-row', { hasText: '林志明' }).click();
    await expect.poll(() => page.locator('.reply-hint-price').textContent()).toContain('推播額度已用完');
    expect(await page.locator('.composer-push').count()).toBe(0);
    expect(await page.locator('.held-tray .button-paid').count()).toBe(0);
    await page.screenshot({ path: join(SCREENS_DIR, '22-quota-blocked.png') });
    await page.close();
  });

  it('shows the savings report with its chart and exports CSV', async () => {
    const { page, errors } = await openApp({ session: 'signed_in' });
    await page.getByRole('button', { name: '節省報表' }).click();
    await expect.poll(() => page.locator('.report-card.is-saved').textContent()).toMatch(/NT\$[\d,.]+/);
    expect(await page.locator('.savings-chart rect.chart-free').count()).toBe(30);
    await page.screenshot({ path: join(SCREENS_DIR, '23-savings-report.png') });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '匯出 CSV' }).click();
    expect((await download).suggestedFilename()).toBe('savings.csv');
    await page.getByRole('button', { name: '最近 7 天' }).click();
    await expect.poll(() => page.locator('.savings-chart rect.chart-free').count()).toBe(7);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('renders the report in English', async () => {
    const { page } = await openApp({ session: 'signed_in' }, 'en');
    await page.getByRole('button', { name: 'Savings' }).click();
    await expect.poll(() => page.locator('.reports-title').textContent()).toBe('Savings from free replies');
    await page.screenshot({ path: join(SCREENS_DIR, '24-savings-report-en.png') });
    await page.close();
  });
});
