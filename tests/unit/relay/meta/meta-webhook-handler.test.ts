import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { customerMessageItem, echoItem, metaWebhookBody, postMetaWebhook } from '../../../../src/demo/fake-meta';
import { handleMetaWebhook, type MetaWebhookDeps } from '../../../../src/relay/http/meta-webhook';
import { silentLogger } from '../../../../src/relay/logger';
import type { InboundBody, InboundOutcome, InboundResult } from '../../../../src/relay/store/channel-store-types';

const SECRET = 'app-secret';
const PAGE = '106498375123456';
const PSID = '6543210987654321';
const RESULT: InboundResult = { appended: [], duplicates: 0, conversationsWithNewWindow: [`messenger:${PAGE}:${PSID}`], profileCandidates: [], mediaQueued: 0, withdrawnMediaIds: [] };

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function serve(deps: Partial<MetaWebhookDeps>): Promise<string> {
  const full: MetaWebhookDeps = { appSecret: SECRET, verifyToken: 'v', inbound: null, now: () => 1234, logger: silentLogger, afterStored: () => {}, ...deps };
  server = createServer((req, res) => void handleMetaWebhook(req, res, full));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/webhooks/meta`;
}

const body = metaWebhookBody('messenger', [
  {
    accountId: PAGE,
    items: [
      customerMessageItem({ accountId: PAGE, customerId: PSID, mid: 'm_2', text: '第二', timestamp: 2000 }),
      echoItem({ accountId: PAGE, customerId: PSID, mid: 'm_echo', text: '已寄出', timestamp: 3000 }),
      customerMessageItem({ accountId: PAGE, customerId: PSID, mid: 'm_1', text: '第一', timestamp: 1000 }),
    ],
  },
]);

describe('handleMetaWebhook', () => {
  it('submits one body of mapped items in Meta’s time order, answers 200 and then starts the follow-up work', async () => {
    const submitted: InboundBody[] = [];
    const after: InboundResult[] = [];
    const url = await serve({
      inbound: { submit: async (inbound): Promise<InboundOutcome> => (submitted.push(inbound), { ok: true, result: RESULT }) },
      afterStored: (result) => after.push(result),
    });
    expect(await postMetaWebhook(url, body, SECRET)).toEqual({ status: 200, body: {} });
    expect(submitted).toHaveLength(1);
    expect(submitted[0]!.receivedAt).toBe(1234);
    expect(submitted[0]!.items.map((item) => [item.dedupeKey, item.message?.text ?? item.echo?.text])).toEqual([
      ['messenger:mid:m_1', '第一'],
      ['messenger:mid:m_2', '第二'],
      ['messenger:mid:m_echo', '已寄出'],
    ]);
    expect(after).toEqual([RESULT]);
  });

  it('answers 500 when the body could not be stored (Meta redelivers) and starts nothing', async () => {
    const after: InboundResult[] = [];
    const url = await serve({
      inbound: { submit: async () => ({ ok: false, error: new Error('disk full') }) },
      afterStored: (result) => after.push(result),
    });
    const answer = await postMetaWebhook(url, body, SECRET);
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({ error: expect.stringContaining('Meta will redeliver') });
    expect(after).toEqual([]);
  });

  it('answers 503 for a verified body while the relay has nowhere to store it', async () => {
    const url = await serve({ inbound: null });
    expect((await postMetaWebhook(url, body, SECRET)).status).toBe(503);
  });

  it('never submits a body whose signature is wrong', async () => {
    const submitted: InboundBody[] = [];
    const url = await serve({ inbound: { submit: async (inbound) => (submitted.push(inbound), { ok: true, result: RESULT }) } });
    expect((await postMetaWebhook(url, body, 'not-the-secret')).status).toBe(401);
    expect(submitted).toEqual([]);
  });
});
