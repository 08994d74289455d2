import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/lib/chromium';
import { launchChromium, screenshotPath } from './support/live-stack';
import { ensureRendererBuilt, openFakeApp, recordedInvokes, serveRenderer } from './support/renderer-page';

/**
 * What each role sees (Chromium, fake API): a lead gets the 團隊 view — the team report per agent, day and channel,
 * tokens and inbox settings; an agent gets no 團隊 view, and the rules, catalog import and shop settings without
 * their save (the relay would refuse them: tests/integration/relay/team-roles.test.ts).
 */
let browser: Browser;
let server: Server;
let baseUrl: string;

beforeAll(async () => {
  await ensureRendererBuilt();
  ({ server, baseUrl } = await serveRenderer());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe.skipIf(!findChromium())('team view and roles (Chromium, fake API)', () => {
  it('a lead reads the team report, exports it, sees tokens and settings', async () => {
    const { page, errors } = await openFakeApp(browser, baseUrl, { session: 'signed_in', role: 'lead' });
    await page.locator('.app-nav-item', { hasText: '團隊' }).click();
    const byAgent = page.locator('.team-table').first();
    await expect.poll(() => byAgent.locator('tbody tr').count(), { timeout: 10_000 }).toBe(3);
    expect(await byAgent.locator('tr[data-agent="小美"]').textContent()).toBe('小美42444.5 分11831');
    expect(await page.locator('.team-table caption').allTextContents()).toEqual(['每位客服', '每日', '各管道']);
    await expect.poll(() => page.locator('.team-section').first().locator('tbody tr').count(), { timeout: 10_000 }).toBe(4);
    expect(await page.locator('.team-section').first().textContent()).toContain('已停用');
    await page.getByRole('button', { name: '匯出 CSV' }).click();
    await expect.poll(async () => (await recordedInvokes(page)).some((call) => call.channel === 'team:reportCsv'), { timeout: 10_000 }).toBe(true);
    // The welcome for new LINE friends: off until the lead turns it on, saved with the other inbox settings.
    const welcomeText = page.getByLabel('歡迎訊息', { exact: true });
    expect(await welcomeText.isDisabled()).toBe(true);
    await page.getByLabel('新好友加入時自動傳送歡迎訊息（LINE，免費回覆）').check();
    await welcomeText.fill('歡迎加入小日子！輸入「訂單」查詢出貨進度。');
    await page.screenshot({ path: screenshotPath('team-view.png'), fullPage: true });
    await page.getByRole('button', { name: '儲存設定' }).click();
    await expect
      .poll(async () => (await recordedInvokes(page)).find((call) => call.channel === 'settings:save')?.input, { timeout: 10_000 })
      .toEqual({ settings: { heldReplyAlertMinutes: 30, autoAssign: 'off', welcome: { text: '歡迎加入小日子！輸入「訂單」查詢出貨進度。' } }, baseVersion: 0 });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an agent has no team view and no save for the catalog, the shop settings or the rules', async () => {
    const { page, errors } = await openFakeApp(browser, baseUrl, { session: 'signed_in', role: 'agent' });
    await expect.poll(() => page.locator('.app-nav-item').allTextContents(), { timeout: 10_000 }).toEqual(['收件匣', '訂單', '回覆規則', '節省報表']);
    await page.locator('.app-nav-item', { hasText: '回覆規則' }).click();
    await expect.poll(() => page.locator('.lead-only-note').textContent(), { timeout: 10_000 }).toBe('只有主管可以修改');
    expect(await page.getByRole('button', { name: '儲存變更' }).count()).toBe(0);
    await page.locator('.app-nav-item', { hasText: '訂單' }).click();
    await page.getByRole('tab', { name: '商品目錄' }).click();
    await expect.poll(() => page.locator('.lead-only-note').textContent(), { timeout: 10_000 }).toBe('只有主管可以修改');
    await page.getByRole('tab', { name: '出貨與付款設定' }).click();
    await expect.poll(() => page.getByRole('button', { name: '儲存設定' }).count(), { timeout: 10_000 }).toBe(0);
    expect(await page.locator('.lead-only-note').textContent()).toBe('只有主管可以修改');
    expect(errors).toEqual([]);
    await page.close();
  });
});
