import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentToken } from '../../../src/relay/auth/agent-tokens';
import { loadRelayConfig } from '../../../src/relay/config';
import { silentLogger } from '../../../src/relay/logger';
import { startRelay, type RunningRelay } from '../../../src/relay/server';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../../../src/demo/fake-line';
import { relayStorageEnv } from '../../support/relay-backend';
import { CHANNEL_ACCESS_TOKEN, CHANNEL_SECRET, connectAgent, eventsOfType, waitFor } from './harness';

/** Two relays on one database file: what scale-out relies on (no delivery decision kept in memory). */
describe('two relays sharing one store', () => {
  let dataDir: string;
  let fakeLine: FakeLine;
  let a: RunningRelay;
  let b: RunningRelay;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'relay-pair-'));
    fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
    const config = loadRelayConfig({
      RELAY_PORT: '0',
      RELAY_HOST: '127.0.0.1',
      ...relayStorageEnv(dataDir),
      LINE_CHANNEL_SECRET: CHANNEL_SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: fakeLine.url,
    });
    a = await startRelay(config, { logger: silentLogger, pollIntervalMs: 50 });
    b = await startRelay(config, { logger: silentLogger, pollIntervalMs: 50 });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await fakeLine.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shares relayId and tokens, delivers events across relays, and uses each reply token once', async () => {
    expect(b.store.relayId).toBe(a.store.relayId);
    const token = await createAgentToken(a.store, { name: 'Ben', role: 'agent' });
    const onA = connectAgent(a.url, token, 0);
    const onB = connectAgent(b.url, token, 0);
    await Promise.all([onA.hello, onB.hello]);

    const userId = fakeLineUserId();
    const replyToken = fakeLine.issueReplyToken();
    // The webhook lands on relay A; the agent on relay B still sees it (picked up from the shared log).
    await postLineWebhook(a.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId, text: '有人在嗎', replyToken })]));
    await waitFor(() => eventsOfType(onB.events, 'message.received')[0], 'event on relay B');

    // Two different replies race through the two relays: exactly one may use the token.
    const conversationId = `line:${userId}`;
    const [ackA, ackB] = await Promise.all([
      onA.mutate({ id: 'pair-reply-a', type: 'reply.send', payload: { conversationId, text: '在的！' } }),
      onB.mutate({ id: 'pair-reply-b', type: 'reply.send', payload: { conversationId, text: '您好～' } }),
    ]);
    const deliveries = [ackA, ackB].map((ack) => (ack.ok ? ack.delivery : ack.code)).sort();
    expect(deliveries).toEqual(['held', 'sent_free']);
    expect(fakeLine.replies()).toHaveLength(1);

    // The same mutation id through the other relay: the stored answer, no second LINE call.
    const repeat = await onB.mutate({ id: 'pair-reply-a', type: 'reply.send', payload: { conversationId, text: '在的！' } });
    expect(repeat).toEqual(ackA);
    expect(fakeLine.replies()).toHaveLength(1);
    onA.close();
    onB.close();
  });
});
