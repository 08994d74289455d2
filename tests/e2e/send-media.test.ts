import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackBody, postLineWebhook, sampleParcelPhoto, textMessageEvent, type FakeLine } from '../../src/demo/fake-line';
import { waitFor } from '../support/processes';
import { messagingApiProblems } from '../fakes/line-openapi-validator';
import { screenshotPath, signInThroughUi, startLineStack, type BrowserHostProcess, type LineStack, type RelayProcess } from './support/live-stack';

/**
 * An agent pastes a screenshot, sends a sticker from the picker and quotes a customer's message, in Chromium
 * through the browser host; the fake LINE receives image, sticker and quoted text messages valid per
 * messaging-api.yml, and the image URLs are served from the relay's public base.
 */
const CHANNEL_SECRET = '6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b';
const CHANNEL_ACCESS_TOKEN = 'e2e-send-media-line-token';
const PUBLIC = 'https://relay.shop.example';
const BOT = 'U' + 'b0'.padEnd(32, '8');
const CUSTOMER = 'U' + '8d4e'.padEnd(32, '4');

let stack: LineStack;
let fakeLine: FakeLine;
let relay: RelayProcess;
let host: BrowserHostProcess;
let token: string;
let browser: Browser;

beforeAll(async () => {
  stack = await startLineStack({ channelSecret: CHANNEL_SECRET, channelAccessToken: CHANNEL_ACCESS_TOKEN, env: { RELAY_PUBLIC_URL: PUBLIC } });
  ({ fakeLine, relay, host, token, browser } = stack);
  fakeLine.setProfile(CUSTOMER, { displayName: '吳佩珊' });
});

afterAll(() => stack?.close());

async function customerWrites(text: string) {
  const event = textMessageEvent({ userId: CUSTOMER, text, replyToken: fakeLine.issueReplyToken() });
  expect((await postLineWebhook(relay.url, CHANNEL_SECRET, callbackBody(BOT, [event]))).status).toBe(200);
  return event;
}

const okReplies = () => fakeLine.replies().filter((request) => request.status === 200);
const messagesOf = (index: number) => (okReplies()[index]!.body as { messages: Record<string, string>[] }).messages;

describe('an agent sends a screenshot, a sticker and a quote reply (relay, fake LINE, browser host, Chromium)', () => {
  it('reaches LINE as valid image, sticker and quoted messages, free with the customers’ tokens', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughUi(page, { appUrl: host.url, relayUrl: relay.url, token, agentName: '小美' });
    const question = await customerWrites('請問外箱的照片可以傳給我看嗎？');
    const row = page.locator('.conversation-row', { hasText: '吳佩珊' });
    await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
    await row.click();

    // A screenshot pasted into the composer: confirmed, then sent.
    const screenshot = sampleParcelPhoto(400, 300);
    await page.locator('textarea[data-composer]').focus();
    // What the browser does on Ctrl+V of a screenshot: a paste event carrying an image file (run in the page).
    await page.evaluate(`(() => {
      const bytes = Uint8Array.from(atob('${screenshot.toString('base64')}'), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      document.querySelector('textarea[data-composer]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    await expect.poll(() => page.locator('.send-file-dialog').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('send-media-confirm.png') });
    await page.keyboard.press('Enter');
    await waitFor(() => okReplies()[0], { timeoutMs: 20_000, what: 'the image reply' });
    const [image] = messagesOf(0);
    expect(messagingApiProblems('ReplyMessageRequest', okReplies()[0]!.body)).toEqual([]);
    expect(messagingApiProblems('ImageMessage', image)).toEqual([]);
    expect(image!.originalContentUrl!.startsWith(`${PUBLIC}/public/media/`)).toBe(true);
    const fetched = await fetch(`${relay.url}${new URL(image!.originalContentUrl!).pathname}`);
    expect(Buffer.from(await fetched.arrayBuffer()).equals(screenshot)).toBe(true);
    expect((await fetch(`${relay.url}${new URL(image!.previewImageUrl!).pathname}`)).status).toBe(200);
    // The agent sees the photo they sent, marked as sent free.
    const sentPhoto = page.locator('.message-out .photo-thumb img');
    await expect.poll(() => sentPhoto.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.locator('.message-out').last().locator('.badge').textContent(), { timeout: 15_000 }).toContain('已送出');

    // A sticker from the picker.
    await customerWrites('謝謝你！');
    await page.locator('[data-attach-sticker]').click();
    await page.locator('[data-sticker-choice="446/1989"]').click();
    await waitFor(() => okReplies()[1], { timeoutMs: 20_000, what: 'the sticker reply' });
    const [sticker] = messagesOf(1);
    expect(sticker).toEqual({ type: 'sticker', packageId: '446', stickerId: '1989' });
    expect(messagingApiProblems('StickerMessage', sticker)).toEqual([]);

    // A quote reply to the customer's first question.
    const followUp = await customerWrites('還有，今天會出貨嗎？');
    await page.locator(`[data-message-id="${followUp.message.id}"]`).hover();
    await page.locator(`[data-message-id="${followUp.message.id}"] .quote-button`).click();
    await expect.poll(() => page.locator('[data-quote-bar]').textContent()).toContain('今天會出貨嗎');
    await page.locator('textarea[data-composer]').fill('今天下午會寄出喔！');
    await page.locator('textarea[data-composer]').press('Enter');
    await waitFor(() => okReplies()[2], { timeoutMs: 20_000, what: 'the quoted reply' });
    expect(messagesOf(2)).toEqual([{ type: 'text', text: '今天下午會寄出喔！', quoteToken: followUp.message.quoteToken }]);
    expect(question.message.quoteToken).not.toBe(followUp.message.quoteToken);
    await expect.poll(() => page.locator('[data-quote-bar]').count()).toBe(0);
    const quotedReply = page.locator('.message-out', { hasText: '今天下午會寄出喔！' });
    await expect.poll(() => quotedReply.locator('.quoted-snippet').textContent(), { timeout: 15_000 }).toContain('今天會出貨嗎');
    expect(fakeLine.pushes()).toHaveLength(0);
    await page.screenshot({ path: screenshotPath('send-media-conversation.png') });
    expect(pageErrors).toEqual([]);
  });
});
