import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_NAMESPACE, PROTOCOL_VERSION } from '../../src/shared/protocol';
import { callbackBody, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../../src/demo/fake-line';
import { ROOT_DIR, waitFor, type RunningProcess } from '../support/processes';
import {
  createTokenWithCli,
  launchChromium,
  screenshotPath,
  signInThroughUi,
  startBrowserHostProcess,
  startRelayProcess,
} from './support/live-stack';

/**
 * Reply suggestions through real processes: the shop's rules are saved on the relay, reach the desktop
 * core by sync, and a customer's LINE question shows its prepared answer under the message in Chromium;
 * key 1 puts it into the composer. An autoSend rule is answered by the relay itself, shown as 自動回覆.
 */

const CHANNEL_SECRET = '1f1e2d3c4b5a69788796a5b4c3d2e1f0';
const CHANNEL_ACCESS_TOKEN = 'e2e-suggestions-access-token';
const DEMO_RULES = JSON.parse(readFileSync(resolve(ROOT_DIR, 'resources', 'demo', 'rules.json'), 'utf8')) as { rules: unknown[] };

let workDir: string;
let fakeLine: FakeLine;
let relay: RunningProcess;
let host: RunningProcess;
let relayUrl: string;
let agentToken: string;
let appUrl: string;
let browser: Browser;

/** Saves the demo shop's rules on the relay with a plain protocol client, as another agent's app would. */
async function saveRules(): Promise<unknown> {
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
    return await socket
      .timeout(15_000)
      .emitWithAck('mutate', { id: 'e2e-rules-save-1', type: 'rules.save', payload: { rules: DEMO_RULES.rules, baseVersion: 0 } });
  } finally {
    socket.close();
  }
}

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'inbox-e2e-suggest-'));
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
  expect(await saveRules()).toEqual({ ok: true, version: 1 });

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

async function signIn(page: Page): Promise<void> {
  await signInThroughUi(page, { appUrl, relayUrl, token: agentToken, agentName: '店長' });
}

async function customerWrites(userId: string, displayName: string, text: string): Promise<void> {
  fakeLine.setProfile(userId, { displayName });
  const result = await postLineWebhook(
    relayUrl,
    CHANNEL_SECRET,
    callbackBody('U' + 'b1'.padEnd(32, '0'), [textMessageEvent({ userId, text, replyToken: fakeLine.issueReplyToken() })]),
  );
  expect(result.status).toBe(200);
}

describe('reply suggestions in the conversation view', () => {
  it('shows the prepared answer under the customer message with its reason and inserts it with key 1', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page);

    await customerWrites('U' + 'e2e1'.padEnd(32, '5'), '林佳穎', '請問運費怎麼算？買兩件有免運嗎');
    const row = page.locator('.conversation-row', { hasText: '林佳穎' });
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('運費怎麼算');
    await row.click();

    const first = page.locator('.suggestion-card').first();
    await expect.poll(() => first.textContent(), { timeout: 15_000 }).toContain('運費與免運門檻');
    expect(await first.locator('.suggestion-reason').textContent()).toMatch(/符合「(運費|免運)」/);
    await page.screenshot({ path: screenshotPath('suggestions.png') });

    const composer = page.locator('textarea[data-composer]');
    expect(await composer.inputValue()).toBe('');
    await page.locator('.message-scroll').click({ position: { x: 40, y: 40 } });
    await page.keyboard.press('1');
    await expect.poll(() => composer.inputValue()).toContain('滿 NT$1,200 即享免運');
    // It is the agent's text now: editable before sending, and focused for that.
    expect(await composer.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type(' 謝謝您！');
    expect(await composer.inputValue()).toMatch(/（離島及海外另計） 謝謝您！$/);
    await page.screenshot({ path: screenshotPath('suggestion-inserted.png') });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('shows the relay’s automatic answer to an autoSend rule as 自動回覆', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(appUrl);
    await expect.poll(() => page.locator('.topbar').textContent(), { timeout: 15_000 }).toContain('店長');
    await customerWrites('U' + 'e2e2'.padEnd(32, '6'), '張家豪', '請問門市營業時間是幾點到幾點？');
    const reply = await waitFor(() => fakeLine.replies().find((r) => r.status === 200), {
      timeoutMs: 15_000,
      what: 'the automatic reply at the fake LINE platform',
    });
    expect(JSON.stringify(reply.body)).toContain('營業時間');

    // Answered automatically, so it is not in 需回覆 (the first view): 全部 lists it.
    await page.locator('.view-tab[data-view="all"]').click();
    await page.locator('.conversation-row', { hasText: '張家豪' }).click();
    const auto = page.locator('.message-out .message-auto');
    await expect.poll(() => auto.textContent(), { timeout: 15_000 }).toContain('自動回覆');
    await expect.poll(() => page.locator('.message-out .badge').textContent(), { timeout: 15_000 }).toContain('已送出・免費');
    await page.screenshot({ path: screenshotPath('auto-reply.png') });
    await page.close();
  });

  it('edits the rules in the rules view: search, test box with the reason, save as a new version for every agent', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(appUrl);
    await expect.poll(() => page.locator('.topbar').textContent(), { timeout: 15_000 }).toContain('店長');
    await page.getByRole('navigation').getByRole('button', { name: '回覆規則' }).click();
    await expect.poll(() => page.locator('.rules-count').textContent(), { timeout: 15_000 }).toContain('20 條規則');

    await page.getByPlaceholder('搜尋規則').fill('禮物');
    expect(await page.locator('.rules-item').count()).toBeLessThan(20);
    await page.getByPlaceholder('搜尋規則').fill('');
    await page.locator('.rules-item', { hasText: '運費與免運門檻' }).click();

    await page.locator('[data-rule-test]').fill('請問寄到家裡的運費多少');
    const firstResult = page.locator('.rule-tester-item').first();
    await expect.poll(() => firstResult.textContent(), { timeout: 15_000 }).toContain('運費與免運門檻');
    expect(await firstResult.textContent()).toMatch(/符合「運費」/);

    const reply = page.locator('.rule-form textarea').last();
    await reply.fill('您好～超商取貨運費 60 元，滿 NT$999 免運喔！');
    await page.getByRole('button', { name: '儲存變更' }).click();
    await expect.poll(() => page.locator('.rules-status').textContent(), { timeout: 15_000 }).toContain('已儲存為第 2 版');
    await expect.poll(() => page.locator('.rules-version').textContent(), { timeout: 15_000 }).toContain('第 2 版');
    await page.screenshot({ path: screenshotPath('rules-editor.png') });

    // An empty reply cannot be saved: the problem names the rule and the field.
    await reply.fill('');
    await expect.poll(() => page.locator('.rules-status').textContent()).toContain('rules[0].reply (rule "shipping-fee")');
    expect(await page.getByRole('button', { name: '儲存變更' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '捨棄變更' }).click();
    await expect.poll(() => reply.inputValue()).toContain('NT$999');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
