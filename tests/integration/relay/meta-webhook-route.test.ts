import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerMessageItem, fakeMid, metaWebhookBody, postMetaWebhook, signMetaBody } from '../../../src/demo/fake-meta';
import { META_APP_SECRET, META_PAGE_ACCESS_TOKEN, META_VERIFY_TOKEN, startMetaRelayProcess, type MetaRelayProcess } from './meta-relay-process';

const PAGE = '106498375123456';
const PSID = '6543210987654321';

const verify = (url: string, params: Record<string, string>) => fetch(`${url}/webhooks/meta?${new URLSearchParams(params).toString()}`);

describe('/webhooks/meta on a relay without META_APP_SECRET', () => {
  let relay: MetaRelayProcess;
  beforeAll(async () => {
    relay = await startMetaRelayProcess({});
  });
  afterAll(() => relay.stop());

  it('answers 503 with a message naming META_APP_SECRET, for events and for verification, and says so at start', async () => {
    const body = metaWebhookBody('messenger', [{ accountId: PAGE, items: [customerMessageItem({ accountId: PAGE, customerId: PSID, text: 'hi' })] }]);
    const posted = await postMetaWebhook(`${relay.url}/webhooks/meta`, body, META_APP_SECRET);
    expect(posted).toEqual({ status: 503, body: { error: expect.stringContaining('META_APP_SECRET') } });
    const verification = await verify(relay.url, { 'hub.mode': 'subscribe', 'hub.verify_token': META_VERIFY_TOKEN, 'hub.challenge': '1158201444' });
    expect(verification.status).toBe(503);
    expect(relay.output()).toContain('Messenger/Instagram: off');
    expect(await relay.health()).toMatchObject({ headSeq: 0, meta: { webhookConfigured: false, sendingConfigured: false, needsNewToken: false } });
  });
});

describe('/webhooks/meta checks before anything is stored', () => {
  let relay: MetaRelayProcess;
  const url = () => `${relay.url}/webhooks/meta`;
  beforeAll(async () => {
    relay = await startMetaRelayProcess({
      META_APP_SECRET,
      META_VERIFY_TOKEN,
      META_PAGE_ACCESS_TOKEN,
      META_GRAPH_BASE_URL: 'http://127.0.0.1:9',
    });
  });
  afterAll(() => relay.stop());

  it('answers Meta’s verification with exactly the challenge when the verify token matches, else 403', async () => {
    const ok = await verify(relay.url, { 'hub.mode': 'subscribe', 'hub.verify_token': META_VERIFY_TOKEN, 'hub.challenge': '1158201444' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const refusedParams: Record<string, string>[] = [
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'not-the-token', 'hub.challenge': '1158201444' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': META_VERIFY_TOKEN, 'hub.challenge': '1158201444' },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444' },
    ];
    for (const params of refusedParams) {
      const refused = await verify(relay.url, params);
      expect(refused.status).toBe(403);
      expect(await refused.text()).not.toContain('1158201444');
    }
  });

  it('refuses a missing or wrong X-Hub-Signature-256 with 401', async () => {
    const body = metaWebhookBody('messenger', [{ accountId: PAGE, items: [customerMessageItem({ accountId: PAGE, customerId: PSID, text: 'hi' })] }]);
    expect((await postMetaWebhook(url(), body, META_APP_SECRET, { signature: null })).status).toBe(401);
    expect((await postMetaWebhook(url(), body, 'another-app-secret')).status).toBe(401);
    // Signed over other bytes than the ones sent (re-serialised JSON with different spacing).
    const wrongBytes = signMetaBody(JSON.stringify(body, null, 2), META_APP_SECRET);
    expect((await postMetaWebhook(url(), body, META_APP_SECRET, { signature: wrongBytes })).status).toBe(401);
  });

  it('refuses bodies over 1 MiB (413), signed non-JSON and signed non-Meta bodies (400)', async () => {
    const huge = metaWebhookBody('messenger', [{ accountId: PAGE, items: [customerMessageItem({ accountId: PAGE, customerId: PSID, text: 'x'.repeat(1024 * 1024) })] }]);
    expect((await postMetaWebhook(url(), huge, META_APP_SECRET)).status).toBe(413);
    const notJson = await postMetaWebhook(url(), '{"object":', META_APP_SECRET);
    expect(notJson).toEqual({ status: 400, body: { error: 'Request body is not valid JSON' } });
    const notMeta = await postMetaWebhook(url(), { object: 'whatsapp_business_account', entry: [] }, META_APP_SECRET);
    expect(notMeta.status).toBe(400);
    expect(notMeta.body).toEqual({ error: expect.stringContaining('Not a Messenger/Instagram webhook body') });
  });

  it('stores nothing for any refused request, shows the channel in /healthz and never prints a secret', async () => {
    const body = metaWebhookBody('messenger', [{ accountId: PAGE, items: [customerMessageItem({ accountId: PAGE, customerId: PSID, mid: fakeMid(), text: 'hi' })] }]);
    await postMetaWebhook(url(), body, 'wrong-secret');
    const health = await relay.health();
    expect(health).toMatchObject({ headSeq: 0, meta: { webhookConfigured: true, sendingConfigured: true, needsNewToken: false, tokenRefusedAt: null } });
    const output = relay.output();
    expect(output).toContain('Messenger/Instagram: on');
    for (const secret of [META_APP_SECRET, META_VERIFY_TOKEN, META_PAGE_ACCESS_TOKEN]) {
      expect(output).not.toContain(secret);
      expect(JSON.stringify(health)).not.toContain(secret);
    }
  });

  it('answers other methods with 405', async () => {
    const response = await fetch(url(), { method: 'PUT' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
  });
});
