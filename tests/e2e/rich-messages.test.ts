import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callbackBody,
  fakeLineGroupId,
  fakeLineMessageId,
  fileMessageEvent,
  followEvent,
  imageMessageEvent,
  lineMessageEvent,
  locationMessageEvent,
  postLineWebhook,
  postbackEvent,
  richStickerMessageEvent,
  sampleParcelPhoto,
  samplePdf,
  textMessageEvent,
  unfollowEvent,
  unsendEvent,
  type FakeLine,
} from '../../src/demo/fake-line';
import { screenshotPath, signInThroughUi, startLineStack, type BrowserHostProcess, type LineStack, type RelayProcess } from './support/live-stack';

/**
 * What LINE customers send, seen by an agent in Chromium through the browser host, against the real relay process
 * and the fake LINE platform (webhook.yml-shaped events, the data API serving the content).
 */

const CHANNEL_SECRET = '5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a';
const CHANNEL_ACCESS_TOKEN = 'e2e-rich-messages-line-token';
const BOT = 'U' + 'b0'.padEnd(32, '7');
const CUSTOMER = 'U' + '7c3a'.padEnd(32, '1');
const FOLLOWER = 'U' + '7c3b'.padEnd(32, '2');
const MEMBER = 'U' + '7c3c'.padEnd(32, '3');
const QUIET_MEMBER = 'U' + '7c3d'.padEnd(32, '9');

let stack: LineStack;
let fakeLine: FakeLine;
let relay: RelayProcess;
let host: BrowserHostProcess;
let token: string;
let browser: Browser;

beforeAll(async () => {
  stack = await startLineStack({ channelSecret: CHANNEL_SECRET, channelAccessToken: CHANNEL_ACCESS_TOKEN });
  ({ fakeLine, relay, host, token, browser } = stack);
  fakeLine.setProfile(CUSTOMER, { displayName: '陳怡君' });
  fakeLine.setProfile(FOLLOWER, { displayName: '黃雅雯' });
});

afterAll(() => stack?.close());

async function post(events: object[]): Promise<void> {
  expect((await postLineWebhook(relay.url, CHANNEL_SECRET, callbackBody(BOT, events))).status).toBe(200);
}

const at = (offsetMs: number) => Date.now() + offsetMs;
const user = (userId: string) => ({ type: 'user' as const, userId });
const row = (page: Page, name: string) => page.locator('.conversation-row', { hasText: name });
const line = (page: Page, messageId: string) => page.locator(`[data-message-id="${messageId}"]`);
/** The natural width of a loaded <img> (0 until it has loaded). */
const loadedWidth = (img: unknown) => {
  const image = img as { complete: boolean; naturalWidth: number };
  return image.complete ? image.naturalWidth : 0;
};

describe('photos, files, stickers, locations, taps and groups in the agent’s conversation (relay, fake LINE, browser host, Chromium)', () => {
  it('shows everything a customer sends and does, keeps seen photos offline, and saves a PDF', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 960 }, acceptDownloads: true });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughUi(page, { appUrl: host.url, relayUrl: relay.url, token, agentName: '小美' });

    // The customer's conversation is open when the photo arrives.
    await post([textMessageEvent({ userId: CUSTOMER, text: '包裹送到時外箱破了，我拍給你們看', timestamp: at(-60_000) })]);
    await expect.poll(() => row(page, '陳怡君').count(), { timeout: 20_000 }).toBe(1);
    await row(page, '陳怡君').click();

    const photoId = fakeLineMessageId();
    const photo = sampleParcelPhoto(320, 240);
    fakeLine.setContent(photoId, { body: photo, contentType: 'image/jpeg', preview: sampleParcelPhoto(160, 120) });
    const sentAt = Date.now();
    await post([imageMessageEvent({ source: user(CUSTOMER), messageId: photoId, replyToken: fakeLine.issueReplyToken() })]);
    const thumb = line(page, photoId).locator('.photo-thumb img');
    await expect.poll(() => thumb.evaluate(loadedWidth), { timeout: 10_000 }).toBe(160);
    const thumbnailMs = Date.now() - sentAt;
    expect(thumbnailMs).toBeLessThan(3_000);

    // Full size.
    await line(page, photoId).locator('.photo-thumb').click();
    const full = page.locator('.media-viewer img[data-full-size]');
    await expect.poll(() => full.evaluate(loadedWidth), { timeout: 10_000 }).toBe(320);
    // Over the whole window, not only over the thread's row it was opened from.
    expect(await page.locator('.media-viewer').boundingBox()).toEqual({ x: 0, y: 0, width: 1440, height: 960 });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.media-viewer').count()).toBe(0);

    // Two more photos sent together, a PDF, a message sticker, a location, a quote.
    const setIds = [fakeLineMessageId(), fakeLineMessageId()];
    setIds.forEach((id, i) => fakeLine.setContent(id, { body: sampleParcelPhoto(300, 220, i ? [200, 150, 120] : [90, 160, 110]), contentType: 'image/png' }));
    const pdfId = fakeLineMessageId();
    const pdf = samplePdf('Refund form');
    fakeLine.setContent(pdfId, { body: pdf, contentType: 'application/pdf' });
    const stickerMessage = richStickerMessageEvent({ source: user(CUSTOMER), text: '我要退貨', keywords: ['退貨', 'return'], quotedMessageId: photoId, timestamp: at(3) });
    await post([
      imageMessageEvent({ source: user(CUSTOMER), messageId: setIds[0], imageSet: { id: 'SET-parcel', index: 1, total: 2 }, timestamp: at(0) }),
      imageMessageEvent({ source: user(CUSTOMER), messageId: setIds[1], imageSet: { id: 'SET-parcel', index: 2, total: 2 }, timestamp: at(1) }),
      fileMessageEvent({ source: user(CUSTOMER), messageId: pdfId, fileName: '退貨申請單.pdf', fileSize: pdf.length, timestamp: at(2) }),
      stickerMessage,
      locationMessageEvent({ source: user(CUSTOMER), title: '7-ELEVEN 南京復興門市', address: '台北市松山區南京東路三段 256 號', latitude: 25.0521, longitude: 121.544, timestamp: at(4) }),
      postbackEvent({ source: user(CUSTOMER), data: 'menu=return_policy', params: { date: '2026-12-24' }, timestamp: at(5) }),
    ]);
    const set = line(page, setIds[0]!).locator('.photo-set');
    await expect.poll(() => set.locator('.photo-thumb img').count(), { timeout: 15_000 }).toBe(2);
    expect(await line(page, setIds[1]!).count()).toBe(0); // one row for the set

    const fileCard = line(page, pdfId).locator('.file-card');
    await expect.poll(() => fileCard.textContent()).toContain('退貨申請單.pdf');
    const save = fileCard.locator('a.file-card-save');
    await expect.poll(() => save.count(), { timeout: 15_000 }).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
    expect(download.suggestedFilename()).toBe('退貨申請單.pdf');
    expect(readFileSync((await download.path())!).equals(pdf)).toBe(true);

    const sticker = line(page, stickerMessage.message.id);
    await expect.poll(() => sticker.locator('.sticker-text').textContent()).toBe('我要退貨');
    expect(await sticker.locator('[aria-label="貼圖：退貨、return"]').count()).toBe(1);
    expect(await sticker.locator('.quoted-snippet').textContent()).toContain('[圖片]');
    await expect.poll(() => page.locator('.location-card').textContent()).toContain('台北市松山區南京東路三段 256 號');
    expect(await page.locator('.location-card-map').getAttribute('href')).toBe('https://www.google.com/maps/search/?api=1&query=25.0521,121.544');
    await expect.poll(() => page.locator('[data-event-type="postback"]').textContent()).toContain('menu=return_policy（date: 2026-12-24）');

    // A new friend (the follow's token kept), a block, an unsent message.
    await post([followEvent({ userId: FOLLOWER, replyToken: fakeLine.issueReplyToken(), timestamp: at(6) })]);
    await expect.poll(() => row(page, '黃雅雯').count(), { timeout: 15_000 }).toBe(1);
    const mistake = textMessageEvent({ userId: CUSTOMER, text: '我的電話是 0912-345-678', timestamp: at(7) });
    await post([mistake]);
    await expect.poll(() => line(page, mistake.message.id).textContent(), { timeout: 10_000 }).toContain('0912-345-678');
    await post([unsendEvent({ source: user(CUSTOMER), messageId: mistake.message.id, timestamp: at(8) })]);
    await expect.poll(() => line(page, mistake.message.id).textContent(), { timeout: 10_000 }).toContain('顧客已收回這則訊息');
    expect(await line(page, mistake.message.id).textContent()).not.toContain('0912');
    await page.screenshot({ path: screenshotPath('rich-messages-conversation.png') });

    // A block: replies cannot reach the customer, so no free-reply countdown in the header or on the row.
    await post([textMessageEvent({ userId: CUSTOMER, text: '算了', replyToken: fakeLine.issueReplyToken(), timestamp: at(9) })]);
    const header = page.locator('.conversation-header');
    await expect.poll(() => header.locator('[role="timer"]').count(), { timeout: 10_000 }).toBe(1);
    await post([unfollowEvent({ source: user(CUSTOMER), timestamp: at(10) })]);
    await expect.poll(() => page.locator('[data-event-type="unfollow"]').textContent(), { timeout: 10_000 }).toContain('封鎖了官方帳號');
    await expect.poll(() => page.locator('[data-blocked-notice]').count()).toBe(1);
    await expect.poll(() => header.locator('[data-window-blocked]').count()).toBe(1);
    expect(await header.locator('[role="timer"]').count()).toBe(0);
    expect(await row(page, '陳怡君').locator('.free-chip').count()).toBe(0);
    // Nothing the team sends can reach them: the row says so instead of how long they have waited.
    await expect.poll(() => row(page, '陳怡君').locator('.workflow-chip.is-blocked').textContent(), { timeout: 10_000 }).toBe('已封鎖');
    expect(await row(page, '陳怡君').locator('.workflow-chip.is-waiting').count()).toBe(0);
    // A paid push would reach nobody: none is offered (the reply waits for their next follow).
    expect(await page.locator('.composer-push').count()).toBe(0);
    await page.screenshot({ path: screenshotPath('rich-messages-blocked.png') });
    // Following again brings a reply token: the countdown is back.
    await post([followEvent({ userId: CUSTOMER, replyToken: fakeLine.issueReplyToken(), isUnblocked: true, timestamp: at(11) })]);
    await expect.poll(() => header.locator('[role="timer"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator('[data-blocked-notice]').count()).toBe(0);
    expect(await row(page, '陳怡君').locator('.free-chip').count()).toBe(1);
    await expect.poll(() => row(page, '陳怡君').locator('.workflow-chip.is-blocked').count(), { timeout: 10_000 }).toBe(0);
    await row(page, '黃雅雯').click();
    await expect.poll(() => page.locator('[data-event-type="follow"]').textContent(), { timeout: 10_000 }).toContain('加入好友');
    expect(await page.locator('[data-blocked-notice]').count()).toBe(0);

    // A group-buy group: each line says which member wrote it.
    const groupId = fakeLineGroupId();
    fakeLine.setGroupSummary(groupId, { groupName: '12月團購群' });
    fakeLine.setMemberProfile(groupId, MEMBER, { displayName: '林美惠' });
    const groupLine = lineMessageEvent({ source: { type: 'group', groupId, userId: MEMBER }, message: { type: 'text', text: '+1 兩件米色', quoteToken: 'q' } });
    await post([groupLine]);
    await expect.poll(() => row(page, '12月團購群').count(), { timeout: 15_000 }).toBe(1);
    await row(page, '12月團購群').click();
    await expect.poll(() => line(page, groupLine.message.id).locator('.message-sender').textContent(), { timeout: 15_000 }).toBe('林美惠');
    // A member LINE could not name yet still shows who wrote (the end of their id).
    const quietLine = lineMessageEvent({ source: { type: 'group', groupId, userId: QUIET_MEMBER }, message: { type: 'text', text: '請問可以面交嗎？', quoteToken: 'q2' } });
    await post([quietLine]);
    await expect.poll(() => line(page, quietLine.message.id).locator('.message-sender').textContent(), { timeout: 15_000 }).toBe('成員 …9999');

    // The header shows the group; tags go on the member who wrote, from their name on the line.
    await expect.poll(() => header.locator('.group-subtitle').textContent()).toBe('LINE 群組 · 2 位成員');
    expect(await header.locator('[data-testid="tag-editor"]').count()).toBe(0);
    await line(page, groupLine.message.id).locator('.message-sender').click();
    const memberDialog = page.locator(`[role="dialog"][data-member-id="${MEMBER}"]`);
    await expect.poll(() => page.evaluate(`document.activeElement?.matches('[data-member-id="${MEMBER}"] .tag-input') ?? false`)).toBe(true);
    await page.keyboard.type('團購主揪');
    await page.keyboard.press('Enter');
    await expect.poll(() => memberDialog.locator('.tag-chip').textContent()).toContain('團購主揪');
    await page.screenshot({ path: screenshotPath('rich-messages-group-member-tags.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => memberDialog.count()).toBe(0);
    // Confirmed by the relay (no longer pending), listed with the member in the customer panel.
    const memberInPanel = page.locator(`.group-members [data-member-id="${MEMBER}"]`);
    await expect.poll(() => memberInPanel.locator('.tag-chip:not(.is-pending)').textContent(), { timeout: 15_000 }).toContain('團購主揪');
    // T (outside a text field) opens the tags of the member who wrote last.
    await page.evaluate('document.activeElement?.blur()');
    await page.keyboard.press('t');
    await expect.poll(() => page.locator(`[role="dialog"][data-member-id="${QUIET_MEMBER}"]`).count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.screenshot({ path: screenshotPath('rich-messages-group.png') });

    // The message sticker's words are found by search.
    await page.keyboard.press('/');
    await page.keyboard.type('我要退貨');
    await expect.poll(() => page.locator('.message-search-hit').count()).toBe(1);
    await page.keyboard.press('Escape');

    // Offline: the relay is gone, the window is opened anew (nothing kept in the page), the photos it showed are still there.
    await relay.process.stop();
    await page.goto(host.url);
    await expect.poll(() => row(page, '陳怡君').count(), { timeout: 20_000 }).toBe(1);
    await row(page, '陳怡君').click();
    const offlineThumb = line(page, photoId).locator('.photo-thumb img');
    await expect.poll(() => offlineThumb.evaluate(loadedWidth).catch(() => 0), { timeout: 15_000 }).toBe(160);
    await page.screenshot({ path: screenshotPath('rich-messages-offline.png') });
    await line(page, photoId).locator('.photo-thumb').click();
    await expect.poll(() => full.evaluate(loadedWidth).catch(() => 0), { timeout: 10_000 }).toBe(320);
    await page.screenshot({ path: screenshotPath('rich-messages-full-size.png') });
    await page.keyboard.press('Escape');
    expect(pageErrors).toEqual([]);
    console.log(`Photo thumbnail shown ${thumbnailMs} ms after the webhook`);
  });
});
