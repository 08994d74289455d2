import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_NAMESPACE, PROTOCOL_VERSION, type RelayEvent } from '../../src/shared/protocol';
import { callbackBody, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../../src/demo/fake-line';
import { ROOT_DIR, type RunningProcess } from '../support/processes';
import {
  createTokenWithCli,
  launchChromium,
  screenshotPath,
  signInThroughUi,
  startBrowserHostProcess,
  startRelayProcess,
} from './support/live-stack';

/**
 * Learning from the team through real processes: a paraphrase with none of the rule's keywords gets the
 * rule with its reason in the agent's words, "not this one" (key 0) takes a suggestion away, an edited and
 * sent suggestion is recorded on the relay and comes back to the rules editor, where the lead removes it.
 */

const CHANNEL_SECRET = '2a1e2d3c4b5a69788796a5b4c3d2e1f0';
const CHANNEL_ACCESS_TOKEN = 'e2e-learning-access-token';
const DEMO_RULES = JSON.parse(readFileSync(resolve(ROOT_DIR, 'resources', 'demo', 'rules.json'), 'utf8')) as { rules: unknown[] };

let workDir: string;
let fakeLine: FakeLine;
let relay: RunningProcess;
let host: RunningProcess;
let relayUrl: string;
let agentToken: string;
let appUrl: string;
let browser: Browser;

/** A plain protocol client, as another agent's app: saves the rules, or reads the relay's log. */
async function withRelay<T>(work: (socket: ReturnType<typeof io>) => Promise<T>): Promise<T> {
  const socket = io(`${relayUrl}${AGENT_NAMESPACE}`, {
    auth: { token: agentToken, cursor: 0, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  try {
    await new Promise((done, fail) => {
      socket.once('hello', done);
      socket.once('connect_error', fail);
    });
    return await work(socket);
  } finally {
    socket.close();
  }
}

/** Every event on the relay so far, as a fresh client receives them. */
async function relayEvents(): Promise<RelayEvent[]> {
  const socket = io(`${relayUrl}${AGENT_NAMESPACE}`, {
    auth: { token: agentToken, cursor: 0, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const events: RelayEvent[] = [];
  try {
    await new Promise<void>((done, fail) => {
      socket.on('events', (frame: { events: RelayEvent[]; more?: boolean }) => {
        events.push(...frame.events);
        if (!frame.more) done();
      });
      socket.once('connect_error', fail);
    });
    return events;
  } finally {
    socket.close();
  }
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'inbox-e2e-learning-'));
  fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
  const started = await startRelayProcess({
    dataDir: join(workDir, 'relay'),
    channelSecret: CHANNEL_SECRET,
    channelAccessToken: CHANNEL_ACCESS_TOKEN,
    lineApiBaseUrl: fakeLine.url,
  });
  relay = started.process;
  relayUrl = started.url;
  agentToken = await createTokenWithCli(join(workDir, 'relay'), '店長', 'lead');
  const saved = await withRelay((socket) =>
    socket.timeout(15_000).emitWithAck('mutate', { id: 'e2e-learning-rules-1', type: 'rules.save', payload: { rules: DEMO_RULES.rules, baseVersion: 0 } }),
  );
  expect(saved).toEqual({ ok: true, version: 1 });
  const hosted = await startBrowserHostProcess(join(workDir, 'desktop'));
  host = hosted.process;
  appUrl = hosted.url;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await relay?.stop();
  await fakeLine?.close();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function customerWrites(userId: string, displayName: string, text: string): Promise<void> {
  fakeLine.setProfile(userId, { displayName });
  const result = await postLineWebhook(
    relayUrl,
    CHANNEL_SECRET,
    callbackBody('U' + 'b2'.padEnd(32, '0'), [textMessageEvent({ userId, text, replyToken: fakeLine.issueReplyToken() })]),
  );
  expect(result.status).toBe(200);
}

async function openConversation(page: Page, name: string, preview: string): Promise<void> {
  const row = page.locator('.conversation-row', { hasText: name });
  await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain(preview);
  await row.click();
}

describe('suggestions learn from the team', () => {
  it('explains a keyword-free paraphrase, takes a suggestion away with 0, and records a sent suggestion for every agent', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signInThroughUi(page, { appUrl, relayUrl, token: agentToken, agentName: '店長' });

    // No keyword of the returns rule in the message: the built-in knowledge brings them together.
    await customerWrites('U' + 'e2e7'.padEnd(32, '1'), '陳怡君', '錢什麼時候會退給我');
    await openConversation(page, '陳怡君', '錢什麼時候會退給我');
    const cards = page.locator('.suggestion-card');
    await expect.poll(() => cards.first().textContent(), { timeout: 15_000 }).toContain('退貨與退款');
    const reason = cards.first().locator('.suggestion-reason');
    expect(await reason.textContent()).toBe('像「退給我」');
    expect(await reason.getAttribute('title')).toBe('像「退給我」→ 退貨與退款');
    await page.screenshot({ path: screenshotPath('suggestion-why.png') });

    // "Not this one" from the keyboard (focus outside the composer): the rule goes for this message.
    await page.locator('.message-scroll').click({ position: { x: 40, y: 40 } });
    await page.keyboard.press('0');
    await expect.poll(async () => (await cards.allTextContents()).join('|'), { timeout: 15_000 }).not.toContain('退貨與退款');
    await expect
      .poll(async () => (await relayEvents()).filter((e) => e.type === 'suggestion.feedback').map((e) => e.type === 'suggestion.feedback' && e.payload), {
        timeout: 15_000,
      })
      .toEqual([expect.objectContaining({ ruleId: 'returns-refund', verdict: 'rejected', text: '錢什麼時候會退給我', agentName: '店長' })]);

    // Another customer: insert the suggestion with 1, edit it, send it.
    await customerWrites('U' + 'e2e8'.padEnd(32, '2'), '黃志明', '東西什麼時候會寄出來呀');
    await openConversation(page, '黃志明', '東西什麼時候會寄出來呀');
    await expect.poll(() => cards.first().textContent(), { timeout: 15_000 }).toContain('出貨時間與到貨天數');
    await page.locator('.message-scroll').click({ position: { x: 40, y: 40 } });
    await page.keyboard.press('1');
    const composer = page.locator('textarea[data-composer]');
    await expect.poll(() => composer.inputValue()).toContain('工作天內出貨');
    await page.keyboard.type(' 黃先生謝謝您～');
    await page.keyboard.press('Enter');
    await expect.poll(() => composer.inputValue()).toBe('');
    await expect
      .poll(async () => (await relayEvents()).some((e) => e.type === 'suggestion.feedback' && e.payload.ruleId === 'shipping-time' && e.payload.verdict === 'edited'), {
        timeout: 15_000,
      })
      .toBe(true);

    // The lead sees it as a learned example of the rule and removes it.
    await page.getByRole('navigation').getByRole('button', { name: '回覆規則' }).click();
    await page.locator('.rules-item', { hasText: '出貨時間與到貨天數' }).click();
    const learned = page.locator('.learned-row', { hasText: '東西什麼時候會寄出來呀' });
    await expect.poll(() => learned.textContent(), { timeout: 15_000 }).toContain('店長 改過再回覆');
    await page.screenshot({ path: screenshotPath('rules-learned-examples.png') });
    await learned.getByRole('button', { name: '移除' }).click();
    await expect.poll(() => learned.textContent(), { timeout: 15_000 }).toContain('已移除');
    await expect
      .poll(async () => (await relayEvents()).some((e) => e.type === 'suggestion.reviewed' && e.payload.decision === 'removed'), { timeout: 15_000 })
      .toBe(true);
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
