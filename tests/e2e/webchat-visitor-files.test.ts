import type { BrowserContext, FileChooser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePdf, sampleParcelPhoto } from '../../src/demo/fake-line';
import { screenshotPath, signInThroughUi, startLineStack, type LineStack } from './support/live-stack';
import { startShopPageServer } from './support/shop-page-server';

/**
 * A web chat visitor sends a photo (file button), a screenshot (paste) and a PDF (drop) from the widget on a shop
 * page of another origin, in Chromium, to the real relay process; the agent sees them in the inbox (browser host)
 * like a LINE customer's photo and file. A program and an oversized file are refused with a clear sentence.
 */

let stack: LineStack;
let shop: Awaited<ReturnType<typeof startShopPageServer>>;
let context: BrowserContext;

beforeAll(async () => {
  let relayUrl = '';
  shop = await startShopPageServer(() => relayUrl);
  stack = await startLineStack({
    channelSecret: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    channelAccessToken: 'e2e-webchat-files-token',
    env: { WEBCHAT_ALLOWED_ORIGINS: shop.origin },
  });
  relayUrl = stack.relay.url;
  context = await stack.browser.newContext({ viewport: { width: 1280, height: 820 }, deviceScaleFactor: 1 });
});
afterAll(async () => {
  await context?.close();
  await stack?.close();
  await shop?.close();
});

const widget = (page: Page) => page.locator('shop-inbox-chat');
const visitorBubbles = (page: Page) => widget(page).locator('.msg.visitor');
/** The natural width of a loaded <img> (0 until it has loaded). */
const loadedWidth = (img: unknown) => {
  const image = img as { complete: boolean; naturalWidth: number };
  return image.complete ? image.naturalWidth : 0;
};

/** Pastes or drops a file on the widget as a browser would (a DataTransfer carrying a File); `bytes` as a size: zeros made in the page. */
async function handOver(page: Page, how: 'paste' | 'drop', file: { name: string; type: string; bytes: Buffer | number }) {
  await page.evaluate(
    ({ how, name, type, data, size }) => {
      const w = globalThis as unknown as {
        document: { querySelector(s: string): { shadowRoot: { querySelector(s: string): { dispatchEvent(e: unknown): void } } } };
        DataTransfer: new () => { items: { add(f: unknown): void } };
        File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
        ClipboardEvent: new (type: string, init: unknown) => unknown;
        DragEvent: new (type: string, init: unknown) => unknown;
        Uint8Array: typeof Uint8Array;
      };
      const transfer = new w.DataTransfer();
      transfer.items.add(new w.File([data ? new w.Uint8Array(data) : new w.Uint8Array(size)], name, { type }));
      const root = w.document.querySelector('shop-inbox-chat').shadowRoot;
      if (how === 'paste') root.querySelector('.input').dispatchEvent(new w.ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      else root.querySelector('.panel').dispatchEvent(new w.DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { how, name: file.name, type: file.type, data: typeof file.bytes === 'number' ? null : [...file.bytes], size: typeof file.bytes === 'number' ? file.bytes : 0 },
  );
}

describe('photos and files from a web chat visitor, to the agent (Chromium, real relay, browser host)', () => {
  it('sends a picked photo, a pasted screenshot and a dropped PDF; refuses a program and an oversized file', async () => {
    const visitor = await context.newPage();
    const visitorErrors: string[] = [];
    visitor.on('pageerror', (error) => visitorErrors.push(error.message));
    // Listening from the start: Playwright turns file-chooser interception on when the first listener is added
    // (a DevTools round trip); one added in the same breath as the key press can miss the picker it opens.
    const choosers: FileChooser[] = [];
    visitor.on('filechooser', (chooser) => choosers.push(chooser));
    await visitor.goto(`${shop.url}?lang=zh-TW`);
    await visitor.waitForFunction(() => Boolean((globalThis as unknown as { ShopInboxChat?: unknown }).ShopInboxChat));
    await widget(visitor).locator('.launcher').click();
    await widget(visitor).locator('.input').fill('你好，收到的外箱破了');
    await visitor.keyboard.press('Enter');
    await expect.poll(() => visitorBubbles(visitor).count(), { timeout: 10_000 }).toBe(1);

    // The file button, from the keyboard: Shift+Tab from the text box, Enter opens the picker.
    const photo = sampleParcelPhoto(320, 240);
    // Once the first message is acknowledged nothing moves the focus any more (a busy machine may take a while).
    await expect.poll(() => visitorBubbles(visitor).first().getAttribute('class'), { timeout: 15_000 }).not.toContain('sending');
    await widget(visitor).locator('.input').focus();
    await visitor.keyboard.press('Shift+Tab');
    await expect.poll(() => widget(visitor).evaluate((host) => host.shadowRoot?.activeElement?.className ?? '')).toBe('attach');
    await visitor.keyboard.press('Enter');
    await expect.poll(() => choosers.length, { timeout: 10_000 }).toBe(1);
    await choosers[0]!.setFiles({ name: '外箱.png', mimeType: 'image/png', buffer: photo });
    const sentPhoto = visitorBubbles(visitor).nth(1).locator('.photo img');
    await expect.poll(() => sentPhoto.evaluate(loadedWidth).catch(() => 0), { timeout: 15_000 }).toBe(320);
    expect(await sentPhoto.getAttribute('alt')).toBe('你傳送的照片');

    const screenshot = sampleParcelPhoto(200, 120, [40, 90, 160]);
    await handOver(visitor, 'paste', { name: 'image.png', type: 'image/png', bytes: screenshot });
    const pdf = samplePdf('退貨申請');
    await handOver(visitor, 'drop', { name: '退貨單.pdf', type: 'application/pdf', bytes: pdf });
    await expect.poll(() => visitorBubbles(visitor).locator('.file').textContent(), { timeout: 15_000 }).toBe('↓ 退貨單.pdf');
    await expect.poll(() => visitorBubbles(visitor).locator('.photo img').count()).toBe(2);

    // Refused with a sentence, nothing stays on its way.
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(400, 1)]);
    await handOver(visitor, 'drop', { name: '訂單明細.pdf', type: 'application/pdf', bytes: program });
    await expect.poll(() => widget(visitor).locator('.error').textContent(), { timeout: 15_000 }).toBe('無法傳送這種檔案（照片請用 JPG、PNG、GIF 或 WebP）');
    await handOver(visitor, 'drop', { name: 'video.mov', type: 'video/quicktime', bytes: 26 * 1024 * 1024 });
    await expect.poll(() => widget(visitor).locator('.error').textContent(), { timeout: 15_000 }).toBe('檔案太大：照片最多 10 MB，其他檔案最多 25 MB');
    await expect.poll(() => visitorBubbles(visitor).count()).toBe(4);
    await visitor.screenshot({ path: screenshotPath('webchat-visitor-files-widget.png') });

    // The agent sees them like a LINE customer's photos and file.
    const agent = await stack.browser.newPage({ viewport: { width: 1440, height: 900 } });
    await signInThroughUi(agent, { appUrl: stack.host.url, relayUrl: stack.relay.url, token: stack.token, agentName: '小美' });
    const row = agent.locator('.conversation-row', { hasText: '網站訪客' });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await row.click();
    const thumbs = agent.locator('.message-in .photo-thumb img');
    await expect.poll(() => thumbs.count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => thumbs.first().evaluate(loadedWidth), { timeout: 15_000 }).toBe(320);
    const fileCard = agent.locator('.file-card', { hasText: '退貨單.pdf' });
    await expect.poll(() => fileCard.locator('a.file-card-save').count(), { timeout: 15_000 }).toBe(1);
    const [download] = await Promise.all([agent.waitForEvent('download'), fileCard.locator('a.file-card-save').click()]);
    expect(download.suggestedFilename()).toBe('退貨單.pdf');
    await agent.screenshot({ path: screenshotPath('webchat-visitor-files-agent.png') });
    expect(visitorErrors).toEqual([]);
  });
});
