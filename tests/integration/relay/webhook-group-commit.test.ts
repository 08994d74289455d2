import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FAKE_BOT_USER_ID, callbackBody, signLineBody, textMessageEvent } from '../../../src/demo/fake-line';
import { CHANNEL_SECRET, eventsOfType, startRelayHarness, waitFor, type AgentConnection, type RelayHarness } from './harness';

const BURST = 30;
const user = (n: number) => `U${n.toString(16).padStart(32, '0')}`;

/** One POST on its own keep-alive connection; resolves with the status. */
function post(agent: Agent, url: string, body: string, signature: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path: '/webhooks/line', method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-line-signature': signature } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function health(agent: Agent, url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    request({ host: hostname, port, path: '/healthz', agent }, (res) => res.resume().on('end', resolve)).on('error', reject).end();
  });
}

describe('concurrent webhooks committed in groups', () => {
  let h: RelayHarness;
  let agents: AgentConnection[];
  beforeAll(async () => {
    h = await startRelayHarness();
    // Two apps: live frames go to both through one socket.io room emit.
    agents = [h.connect(), h.connect()];
    await Promise.all(agents.map((agent) => agent.hello));
  });
  afterAll(() => h.close());

  it('answers every request of a burst on its own merits: bad ones rejected and stored nowhere, the rest stored once', async () => {
    const start = Date.now();
    const valid = Array.from({ length: BURST }, (_, n) =>
      JSON.stringify(
        callbackBody(FAKE_BOT_USER_ID, [
          textMessageEvent({ userId: user(n), text: `第 ${n} 則`, replyToken: `tok-${n}`, timestamp: start + n, webhookEventId: `wh-${n}` }),
        ]),
      ),
    );
    const forged = JSON.stringify(
      callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId: user(900), text: '偽造的', timestamp: start, webhookEventId: 'wh-forged' })]),
    );
    const notACallback = JSON.stringify({ destination: FAKE_BOT_USER_ID, events: [{ type: 'message', text: '壞的' }] });
    const groups = vi.spyOn(h.relay.store, 'recordInbound');
    const sockets = new Agent({ keepAlive: true, maxSockets: BURST + 3 });
    try {
      // Open every connection first, so the burst's requests are all written in one turn and arrive together.
      await Promise.all(Array.from({ length: BURST + 3 }, () => health(sockets, h.relay.url)));
      const statuses = await Promise.all([
        ...valid.slice(0, BURST / 2).map((body) => post(sockets, h.relay.url, body, signLineBody(body, CHANNEL_SECRET))),
        post(sockets, h.relay.url, forged, signLineBody(forged, 'not-the-channel-secret')),
        post(sockets, h.relay.url, notACallback, signLineBody(notACallback, CHANNEL_SECRET)),
        // LINE redelivering one of the burst while the first delivery is still being stored.
        post(sockets, h.relay.url, valid[0]!, signLineBody(valid[0]!, CHANNEL_SECRET)),
        ...valid.slice(BURST / 2).map((body) => post(sockets, h.relay.url, body, signLineBody(body, CHANNEL_SECRET))),
      ]);
      expect(statuses.slice(0, BURST / 2)).toEqual(Array(BURST / 2).fill(200));
      expect(statuses.slice(BURST / 2, BURST / 2 + 3)).toEqual([401, 400, 200]);
      expect(statuses.slice(BURST / 2 + 3)).toEqual(Array(BURST / 2).fill(200));
    } finally {
      sockets.destroy();
    }

    // Bodies that arrived together were committed together (the point of this test), not one by one.
    expect(groups.mock.calls.some(([bodies]) => bodies.length > 1)).toBe(true);

    const stored = await h.relay.store.readEvents(0, 10_000);
    const texts = eventsOfType(stored, 'message.received').map((event) => event.payload.text);
    expect(texts.sort()).toEqual(Array.from({ length: BURST }, (_, n) => `第 ${n} 則`).sort());
    expect(stored.map((event) => event.seq)).toEqual(stored.map((_, index) => index + 1));
    expect(JSON.stringify(stored)).not.toMatch(/偽造的|壞的/);

    // Each connected app got exactly the stored log, in seq order, without gaps.
    for (const agent of agents) {
      await waitFor(() => agent.events.length === stored.length, 'every event pushed live');
      expect(agent.events).toEqual(stored);
    }
  });
});
