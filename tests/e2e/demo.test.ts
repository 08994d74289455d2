import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR, startTsx, type RunningProcess } from '../support/processes';
import { CHROMIUM_ARGS, findChromium } from '../../scripts/lib/chromium';

/**
 * What `npm start` does on a machine without an Electron binary: the launcher starts the demo relay with
 * simulated customers on LINE, Messenger, Instagram and web chat, the sample shop page, and the browser host;
 * "Try the demo" shows a live inbox of all four channels within seconds.
 */

const SCREENS_DIR = resolve(ROOT_DIR, 'test-results', 'e2e');
let workDir: string;
let app: RunningProcess;
let browser: Browser;
let appUrl: string;
let shopPageUrl: string;

beforeAll(async () => {
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error('Chromium not found: run `npm test` (it installs it) or set CHROMIUM_PATH');
  workDir = mkdtempSync(join(tmpdir(), 'inbox-demo-'));
  const env: Record<string, string> = { INBOX_DATA_DIR: workDir, INBOX_HOST_PORT: '0' };
  // The demo is what runs without LINE credentials; make sure none leak in from the environment.
  app = startTsx('scripts/start-app.ts', { ...env, LINE_CHANNEL_SECRET: '', LINE_CHANNEL_ACCESS_TOKEN: '' }, [
    '--browser',
    '--no-build',
    '--no-open',
  ]);
  appUrl = (await app.waitForLine(/Shop Inbox is running at (\S+)/, 60_000))[1]!;
  shopPageUrl = (await app.waitForLine(/Demo shop page with the web-chat widget: (\S+)/))[1]!;
  browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS });
  mkdirSync(SCREENS_DIR, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop('SIGINT');
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('npm start demo (browser host)', () => {
  it('shows simulated customers writing in, live', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(appUrl);
    await page.getByRole('button', { name: '試用示範（模擬顧客）' }).click();
    await expect.poll(() => page.locator('.conversation-row').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(6);
    await expect.poll(() => page.locator('.topbar').textContent()).toContain('線上');
    // Profiles come from the simulated LINE platform, not placeholders.
    await expect.poll(() => page.locator('.conversation-scroll').textContent(), { timeout: 10_000 }).toContain('陳怡君');
    await page.locator('.conversation-row', { hasText: '陳怡君' }).click();
    await expect.poll(() => page.locator('.message').count()).toBeGreaterThan(0);
    // Messenger, Instagram and web-chat customers write in too.
    const marks = async () => new Set(await page.locator('.conversation-row .channel-mark').allTextContents());
    await expect.poll(marks, { timeout: 20_000 }).toEqual(new Set(['LINE', 'Messenger', 'Instagram', '網站聊天']));
    await page.screenshot({ path: join(SCREENS_DIR, 'demo-inbox.png') });
    expect(pageErrors).toEqual([]);
  });

  it('prints the sample shop page, which embeds the relay’s web-chat widget', async () => {
    const relayUrl = (await app.waitForLine(/Demo relay with .* at (http\S+)/))[1]!;
    expect(new URL(shopPageUrl).origin).not.toBe(new URL(relayUrl).origin);
    const html = await (await fetch(shopPageUrl)).text();
    expect(html).toContain(`<script src="${relayUrl}/webchat/widget.js" async></script>`);
    // The widget loads on it (the relay allows the page's origin) and a visitor's message is stored.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(shopPageUrl);
    await page.locator('shop-inbox-chat .launcher').click();
    await page.locator('shop-inbox-chat textarea').fill('請問週末有開門市嗎？');
    await page.locator('shop-inbox-chat textarea').press('Enter');
    await expect.poll(() => page.locator('shop-inbox-chat .msg.visitor.stored').count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: join(SCREENS_DIR, 'demo-shop-page.png') });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
