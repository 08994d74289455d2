import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCatalog } from '../../src/demo/demo-data';
import { callbackBody, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../../src/demo/fake-line';
import { customerMessageItem, metaWebhookBody, postMetaWebhook, startFakeMeta, type FakeMeta, type FakeMetaChannel } from '../../src/demo/fake-meta';
import type { MutationAck } from '../../src/shared/protocol';
import { connectAgent, eventsOfType, type AgentConnection } from '../integration/relay/harness';
import { newVisitorId, openVisitorPage, SHOP_ORIGIN, type VisitorPage } from '../integration/webchat/visitor-support';
import { ROOT_DIR, waitFor } from '../support/processes';
import {
  createTokenWithCli,
  launchChromium,
  screenshotPath,
  signInThroughUi,
  startBrowserHostProcess,
  startRelayProcess,
  type BrowserHostProcess,
  type RelayProcess,
} from './support/live-stack';

/**
 * One inbox, four channels, real processes: a relay (its CLI, env vars only) wired to the fake LINE and fake
 * Meta platforms and open to web-chat visitors of the shop's origin; the desktop core in the browser host;
 * Chromium. The agent answers a LINE, a Messenger, an Instagram and a web-chat customer through the UI, and each
 * answer is observed where that customer is; the Messenger customer is tagged and gets an order summary.
 */

const CHANNEL_SECRET = '4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a99';
const CHANNEL_ACCESS_TOKEN = 'e2e-four-channels-line-token';
const META_APP_SECRET = 'e2e-four-channels-app-secret-0123';
const META_PAGE_ACCESS_TOKEN = 'EAAB-e2e-four-channels-page-token';
const PAGE_ID = '106498375000321';
const IG_ACCOUNT_ID = '17841400000000321';
const LINE_USER = 'U' + '4c4a'.padEnd(32, '5');
const PSID = '2710000000000321';
const IGSID = '6120000000000321';
const ORDER_NO = /SO\d{10}/;

let workDir: string;
let fakeLine: FakeLine;
let fakeMeta: FakeMeta;
let relay: RelayProcess;
let host: BrowserHostProcess;
let token: string;
let agent: AgentConnection;
let visitor: VisitorPage;
let browser: Browser;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'inbox-e2e-four-'));
  fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
  fakeLine.setProfile(LINE_USER, { displayName: '陳怡君' });
  fakeMeta = await startFakeMeta({ pageAccessToken: META_PAGE_ACCESS_TOKEN, pageId: PAGE_ID });
  fakeMeta.addCustomer({ channel: 'messenger', id: PSID, lastMessageAt: null, profile: { first_name: '雅婷', last_name: '劉' } });
  fakeMeta.addCustomer({ channel: 'instagram', id: IGSID, lastMessageAt: null, profile: { name: '蔡宜蓁', username: 'yichen.daily' } });
  relay = await startRelayProcess({
    dataDir: join(workDir, 'relay'),
    channelSecret: CHANNEL_SECRET,
    channelAccessToken: CHANNEL_ACCESS_TOKEN,
    lineApiBaseUrl: fakeLine.url,
    env: {
      META_APP_SECRET,
      META_VERIFY_TOKEN: 'e2e-verify',
      META_PAGE_ACCESS_TOKEN,
      META_GRAPH_BASE_URL: fakeMeta.url,
      META_GRAPH_VERSION: 'v23.0',
      WEBCHAT_ALLOWED_ORIGINS: SHOP_ORIGIN,
    },
  });
  token = await createTokenWithCli(join(workDir, 'relay'), '小美', 'lead');
  // The shop's catalog, as a lead saved it, and a watcher of what the relay records.
  agent = connectAgent(relay.url, token, 0);
  await agent.hello;
  const saved = await agent.mutate<MutationAck>({
    id: randomUUID(),
    type: 'catalog.save',
    payload: { catalog: loadDemoCatalog(resolve(ROOT_DIR, 'resources')), baseVersion: 0 },
  });
  expect(saved.ok).toBe(true);
  host = await startBrowserHostProcess(join(workDir, 'desktop'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  visitor?.close();
  agent?.close();
  await host?.process.stop();
  await relay?.process.stop();
  await fakeLine?.close();
  await fakeMeta?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function metaCustomerWrites(channel: FakeMetaChannel, customerId: string, text: string): Promise<void> {
  const accountId = channel === 'messenger' ? PAGE_ID : IG_ACCOUNT_ID;
  const at = Date.now();
  fakeMeta.customerWrote(customerId, at);
  const body = metaWebhookBody(channel, [{ accountId, items: [customerMessageItem({ accountId, customerId, text, timestamp: at })] }]);
  expect((await postMetaWebhook(`${relay.url}/webhooks/meta`, body, META_APP_SECRET)).status).toBe(200);
}

const rowOf = (page: Page, channel: string) => page.locator('.conversation-row').filter({ has: page.locator(`.channel-mark[data-channel="${channel}"]`) });

async function answer(page: Page, channel: string, text: string): Promise<void> {
  await rowOf(page, channel).click();
  await expect.poll(() => page.locator('.conversation-header .channel-mark').getAttribute('data-channel')).toBe(channel);
  await page.locator('textarea[data-composer]').fill(text);
  await page.locator('textarea[data-composer]').press('Enter');
  const sent = page.locator('.message-out', { hasText: text }).locator('.badge');
  await expect.poll(() => sent.textContent(), { timeout: 15_000 }).toContain('已送出');
}

const sendsTo = (recipientId: string) => fakeMeta.sends().filter((send) => send.recipientId === recipientId);
const textOf = (message: { text: string } | object) => ('text' in message ? message.text : '');

describe('four channels in one inbox (relay, fake LINE, fake Meta, web chat, desktop core, Chromium)', () => {
  it('answers LINE, Messenger, Instagram and web chat from the UI, tags the Messenger customer and sends them an order summary', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughUi(page, { appUrl: host.url, relayUrl: relay.url, token, agentName: '小美' });

    // 1. A customer on every channel writes.
    const replyToken = fakeLine.issueReplyToken();
    const lineHook = await postLineWebhook(relay.url, CHANNEL_SECRET, callbackBody('U' + 'b0'.padEnd(32, '4'), [textMessageEvent({ userId: LINE_USER, text: '請問碎花洋裝還有M號嗎？', replyToken })]));
    expect(lineHook.status).toBe(200);
    await metaCustomerWrites('messenger', PSID, '你好，亞麻襯衫還有白色M號嗎？');
    await metaCustomerWrites('instagram', IGSID, '限動的針織背心還有現貨嗎');
    visitor = openVisitorPage(relay.url, newVisitorId(), SHOP_ORIGIN);
    await waitFor(() => visitor.histories.length > 0, { what: 'the visitor admitted', timeoutMs: 10_000 });
    expect(await visitor.send('請問官網可以超商取貨付款嗎？')).toMatchObject({ ok: true });

    // 2. One inbox, four channel marks; profile names from each platform.
    const marks = async () => new Set(await page.locator('.conversation-row .channel-mark').allTextContents());
    await expect.poll(marks, { timeout: 20_000 }).toEqual(new Set(['LINE', 'Messenger', 'Instagram', '網站聊天']));
    await expect.poll(() => rowOf(page, 'messenger').textContent(), { timeout: 10_000 }).toContain('雅婷');
    await expect.poll(() => rowOf(page, 'instagram').textContent(), { timeout: 10_000 }).toContain('蔡宜蓁');
    await rowOf(page, 'messenger').click();
    await expect.poll(() => page.locator('.message').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('four-channels-inbox.png') });

    // 3. Each answer reaches its platform.
    await answer(page, 'line', '有的，M號還有 2 件！');
    const lineReply = await waitFor(() => fakeLine.replies().find((request) => request.status === 200), { timeoutMs: 15_000, what: 'the LINE reply' });
    expect(lineReply.body).toMatchObject({ replyToken, messages: [{ type: 'text', text: '有的，M號還有 2 件！' }] });
    expect(fakeLine.pushes()).toHaveLength(0);

    await answer(page, 'messenger', '白色M號有現貨喔！');
    const messengerSend = await waitFor(() => sendsTo(PSID)[0], { timeoutMs: 15_000, what: 'the Messenger send' });
    expect(messengerSend).toMatchObject({ channel: 'messenger', messagingType: 'RESPONSE', message: { text: '白色M號有現貨喔！' } });

    await answer(page, 'instagram', '針織背心米色、灰色都有現貨 😊');
    const instagramSend = await waitFor(() => sendsTo(IGSID)[0], { timeoutMs: 15_000, what: 'the Instagram send' });
    expect(instagramSend).toMatchObject({ channel: 'instagram', messagingType: 'RESPONSE', message: { text: '針織背心米色、灰色都有現貨 😊' } });

    await answer(page, 'webchat', '可以的，7-11 與全家都能取貨付款。');
    await waitFor(() => visitor.messages.find((message) => message.from === 'agent' && message.text === '可以的，7-11 與全家都能取貨付款。'), {
      timeoutMs: 15_000,
      what: 'the answer at the web-chat visitor',
    });

    // 4. The Messenger customer: a tag (shown, and on the relay), then an order summary from the quick cart.
    await rowOf(page, 'messenger').click();
    await page.locator('.tag-input').click();
    await page.keyboard.type('VIP');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.tag-editor-chips').textContent()).toContain('VIP');
    await expect.poll(() => page.locator('.tag-chip.is-pending').count(), { timeout: 10_000 }).toBe(0);
    const messengerFriend = eventsOfType(agent.events, 'conversation.upserted').find((event) => event.payload.channel === 'messenger')!.payload.friendId;
    await waitFor(() => eventsOfType(agent.events, 'tag.added').find((event) => event.payload.friendId === messengerFriend && event.payload.tag === 'VIP'), {
      timeoutMs: 10_000,
      what: 'the tag on the relay',
    });

    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+c');
    const panel = page.locator('[data-cart-panel]');
    await expect.poll(() => panel.locator('[data-cart-search]').count(), { timeout: 10_000 }).toBe(1);
    await panel.locator('[data-cart-search]').fill('亞麻');
    const result = panel.locator('.cart-result', { hasText: '亞麻休閒襯衫' });
    await expect.poll(() => result.count()).toBe(1);
    await result.locator('.cart-variant', { hasText: '白 / M' }).click();
    await expect.poll(() => panel.locator('[data-cart-line="SH-001"]').count()).toBe(1);
    await panel.locator('.cart-choice', { hasText: '7-ELEVEN 取貨' }).click();
    await panel.locator('[data-cart-destination]').fill('南京復興門市');
    await expect.poll(() => panel.locator('[data-cart-total]').textContent()).toBe('NT$1,280');
    await panel.locator('[data-cart-create]').click();
    await expect.poll(() => panel.locator('.cart-toast').textContent(), { timeout: 15_000 }).toMatch(ORDER_NO);
    const orderNo = ((await panel.locator('.cart-toast').textContent()) ?? '').match(ORDER_NO)![0];
    const summary = await waitFor(() => sendsTo(PSID).find((send) => textOf(send.message).includes(orderNo)), { timeoutMs: 15_000, what: 'the order summary at Messenger' });
    expect(summary.messagingType).toBe('RESPONSE');
    expect(textOf(summary.message)).toContain(`【訂單確認】${orderNo}`);
    expect(textOf(summary.message)).toContain('7-ELEVEN 取貨（南京復興門市）');
    await expect.poll(() => page.locator('.message-out', { hasText: orderNo }).locator('.message-purpose').textContent(), { timeout: 15_000 }).toContain('訂單摘要');
    await page.screenshot({ path: screenshotPath('four-channels-messenger-order.png') });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
