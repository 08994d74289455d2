import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER_ID, callbackBody, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { LATEST_SCHEMA_VERSION } from '../../../src/relay/store/migrate';
import { LATEST_PG_SCHEMA_VERSION } from '../../../src/relay/store/postgres/pg-migrate';
import { relayTestBackend } from '../../support/relay-backend';
import { CHANNEL_SECRET, startRelayHarness, type RelayHarness } from './harness';

async function health(url: string) {
  const response = await fetch(`${url}/healthz`);
  return { status: response.status, body: (await response.json()) as { ok: boolean; relayId: string; headSeq: number; lineConfigured: boolean } };
}

describe('POST /webhooks/line rejects bad requests and stores nothing', () => {
  let h: RelayHarness;
  beforeAll(async () => {
    h = await startRelayHarness();
  });
  afterAll(() => h.close());

  const validBody = () =>
    JSON.stringify(callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId: 'U' + 'a'.repeat(32), text: '請問有貨嗎' })]));

  it.each([
    ['no signature', 401, () => postLineWebhook(h.relay.url, CHANNEL_SECRET, validBody(), { signature: null })],
    ['a wrong signature', 401, () => postLineWebhook(h.relay.url, 'another-secret', validBody())],
    ['a body of 1 MiB + 1 byte', 413, () => postLineWebhook(h.relay.url, CHANNEL_SECRET, 'x'.repeat(1024 * 1024 + 1))],
    ['a body that is not JSON', 400, () => postLineWebhook(h.relay.url, CHANNEL_SECRET, '{"destination": "U1", events: [')],
    ['JSON that is not a LINE callback', 400, () => postLineWebhook(h.relay.url, CHANNEL_SECRET, '{"destination":"U1","events":[{"type":"message"}]}')],
  ])('answers %s with %i', async (_label, status, send) => {
    const before = await health(h.relay.url);
    const result = await send();
    expect(result.status).toBe(status);
    expect(result.body).toEqual({ error: expect.any(String) });
    const after = await health(h.relay.url);
    expect(after.body.headSeq).toBe(before.body.headSeq);
    expect(await h.relay.store.headSeq()).toBe(0);
  });

  it('answers a signed but tampered body with 401', async () => {
    const body = validBody();
    const { signLineBody } = await import('../../../src/demo/fake-line');
    const signature = signLineBody(body, CHANNEL_SECRET);
    const result = await postLineWebhook(h.relay.url, CHANNEL_SECRET, body.replace('請問', '請答'), { signature });
    expect(result.status).toBe(401);
    expect(await h.relay.store.headSeq()).toBe(0);
  });

  it('accepts the console "Verify" request (no events) with 200 {}', async () => {
    const result = await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, []));
    expect(result).toEqual({ status: 200, body: {} });
    expect(await h.relay.store.headSeq()).toBe(0);
  });

  it('reports health and answers unknown routes with 404 JSON', async () => {
    const result = await health(h.relay.url);
    expect(result).toEqual({
      status: 200,
      body: {
        ok: true,
        relayId: h.relay.store.relayId,
        headSeq: 0,
        lineConfigured: true,
        meta: { webhookConfigured: false, sendingConfigured: false, needsNewToken: false, tokenRefusedAt: null },
        // The store and this process's part in the cluster's background work (a single relay leads it).
        database:
          relayTestBackend() === 'postgres'
            ? { backend: 'postgres', ok: true, schemaVersion: LATEST_PG_SCHEMA_VERSION, notifications: expect.any(Boolean) }
            : { backend: 'sqlite', ok: true, schemaVersion: LATEST_SCHEMA_VERSION },
        background: {
          role: relayTestBackend() === 'postgres' ? 'leader' : 'every-process',
          processId: expect.any(String),
          jobs: ['quota-poll', 'reminder-sweep', 'unconfirmed-sends', 'visitor-upload-sweep'],
          sharedJobs: ['media-downloads'],
        },
      },
    });
    const missing = await fetch(`${h.relay.url}/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: expect.stringContaining('/nothing-here') });
  });
});

describe('a relay without LINE_CHANNEL_SECRET', () => {
  let h: RelayHarness;
  beforeAll(async () => {
    h = await startRelayHarness({ channelSecret: null });
  });
  afterAll(() => h.close());

  it('still runs, answers webhooks with 503 and says LINE is not configured', async () => {
    const result = await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, []));
    expect(result.status).toBe(503);
    expect(result.body).toEqual({ error: expect.stringContaining('LINE_CHANNEL_SECRET') });
    expect((await health(h.relay.url)).body.lineConfigured).toBe(false);
  });
});
