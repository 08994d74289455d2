import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { FAKE_BOT_USER_ID, callbackBody, postLineWebhook, textMessageEvent } from '../../../src/demo/fake-line';
import { AGENT_NAMESPACE, PROTOCOL_VERSION } from '../../../src/shared/protocol';
import type { Logger } from '../../../src/relay/logger';
import { waitFor as waitUntil } from '../../support/processes';
import { CHANNEL_SECRET, startRelayHarness, waitFor, type RelayHarness } from './harness';

// Loopback is 127.0.0.0/8 on Linux: the abusive client binds 127.0.0.2 (and .3), the healthy one 127.0.0.1.
const HEADERS_TIMEOUT_MS = 500;
const REQUEST_TIMEOUT_MS = 1_000;
const KEEP_ALIVE_TIMEOUT_MS = 300;

interface Probe {
  socket: Socket;
  openedAt: number;
  closedAt: number | null;
  trickle: NodeJS.Timeout | null;
}

/** A raw TCP connection from `localAddress`; optionally writes `chunks` one every 100 ms (a slow client). */
function probe(port: number, localAddress: string, chunks: string[] = []): Probe {
  const socket = connect({ host: '127.0.0.1', port, localAddress });
  const state: Probe = { socket, openedAt: Date.now(), closedAt: null, trickle: null };
  socket.on('error', () => {});
  socket.on('close', () => {
    state.closedAt = Date.now();
    if (state.trickle) clearInterval(state.trickle);
  });
  if (chunks.length > 0) {
    socket.once('connect', () => {
      state.trickle = setInterval(() => {
        const next = chunks.shift();
        if (next !== undefined && !socket.destroyed) socket.write(next);
      }, 100);
    });
  }
  return state;
}

const closed = (probes: readonly Probe[]) => probes.filter((p) => p.closedAt !== null).length;

function signedWebhook(n: number) {
  const body = callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId: `U${n.toString(16).padStart(32, '0')}`, text: `還在嗎 ${n}` })]);
  return body;
}

/** GET /healthz and a signed webhook from 127.0.0.1, each timed. */
async function healthyClientAnswers(url: string, n: number): Promise<{ health: number; webhook: number; slowestMs: number }> {
  const started = Date.now();
  const health = (await fetch(`${url}/healthz`)).status;
  const webhook = (await postLineWebhook(url, CHANNEL_SECRET, signedWebhook(n))).status;
  return { health, webhook, slowestMs: Date.now() - started };
}

/**
 * How long /healthz takes on this machine right now, before any attack: the bound for "still answers promptly"
 * scales with it, so a busy shared machine does not fail the test while a relay starved by the attack still does.
 */
async function quietHealthMs(url: string): Promise<number> {
  let slowest = 0;
  for (let i = 0; i < 3; i += 1) {
    const started = Date.now();
    await fetch(`${url}/healthz`);
    slowest = Math.max(slowest, Date.now() - started);
  }
  return slowest;
}
const promptly = (quietMs: number) => Math.max(2_000, 10 * quietMs);

const slowHeaderChunks = () => ['GET /healthz HTTP/1.1\r\n', ...Array.from({ length: 100 }, (_, i) => `x-slow-${i}: 1\r\n`)];
const slowBodyChunks = () => [
  'POST /webhooks/line HTTP/1.1\r\nhost: relay\r\ncontent-type: application/json\r\ncontent-length: 100000\r\nx-line-signature: x\r\n\r\n',
  ...Array.from({ length: 200 }, () => '{'),
];

describe('slow clients are cut off; agents are not', () => {
  let h: RelayHarness;
  const probes: Probe[] = [];
  beforeAll(async () => {
    h = await startRelayHarness({
      env: {
        RELAY_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        RELAY_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
        RELAY_KEEP_ALIVE_TIMEOUT_MS: String(KEEP_ALIVE_TIMEOUT_MS),
      },
    });
  });
  afterAll(async () => {
    for (const p of probes) p.socket.destroy();
    await h.close();
  });

  it('closes 50 slow-loris connections within their timeouts while /healthz and webhooks from elsewhere answer, and agents stay connected', async () => {
    // Two agent apps, one on websocket and one on HTTP long-polling, connected before the attack.
    const websocketAgent = h.connect();
    await websocketAgent.hello;
    const disconnects: string[] = [];
    websocketAgent.socket.on('disconnect', (reason) => disconnects.push(`websocket: ${reason}`));
    const polling = io(`${h.relay.url}${AGENT_NAMESPACE}`, {
      auth: { token: h.agentToken, cursor: 0, protocol: PROTOCOL_VERSION },
      transports: ['polling'],
      reconnection: false,
      forceNew: true,
    });
    const pollingEvents: unknown[] = [];
    polling.on('events', (frame: { events: unknown[] }) => pollingEvents.push(...frame.events));
    polling.on('disconnect', (reason) => disconnects.push(`polling: ${reason}`));
    await new Promise((resolve) => polling.once('hello', resolve));

    const quiet = await quietHealthMs(h.relay.url);
    const port = Number(new URL(h.relay.url).port);
    const slowHeaders = Array.from({ length: 35 }, () => probe(port, '127.0.0.2', slowHeaderChunks()));
    const slowBodies = Array.from({ length: 15 }, () => probe(port, '127.0.0.2', slowBodyChunks()));
    probes.push(...slowHeaders, ...slowBodies);
    await waitFor(() => slowHeaders.concat(slowBodies).every((p) => p.socket.readyState === 'open' || p.closedAt !== null), 'probes connected');

    const during = await healthyClientAnswers(h.relay.url, 1);
    expect(during).toMatchObject({ health: 200, webhook: 200 });
    expect(during.slowestMs).toBeLessThan(promptly(quiet));

    await waitFor(() => closed(slowHeaders) === slowHeaders.length, 'slow-header connections closed', 8_000);
    await waitFor(() => closed(slowBodies) === slowBodies.length, 'slow-body connections closed', 8_000);
    // Closed by the relay's timeouts (checked every 100 ms here), not by running out of things to send (a slow header
    // client would trickle for 10 s, a slow body for 20 s); the slack allows a busy machine's late timers.
    const slack = Math.max(1_500, 4 * quiet);
    for (const p of slowHeaders) expect(p.closedAt! - p.openedAt).toBeLessThan(HEADERS_TIMEOUT_MS + slack);
    for (const p of slowBodies) expect(p.closedAt! - p.openedAt).toBeLessThan(REQUEST_TIMEOUT_MS + slack);

    // More than the request and keep-alive timeouts have passed: both agents are still connected and get new events.
    expect(Date.now() - Math.min(...slowBodies.map((p) => p.openedAt))).toBeGreaterThan(REQUEST_TIMEOUT_MS);
    const after = await healthyClientAnswers(h.relay.url, 2);
    expect(after).toMatchObject({ health: 200, webhook: 200 });
    const messages = () => websocketAgent.events.filter((event) => event.type === 'message.received').length;
    await waitFor(() => messages() === 2, 'websocket agent received both messages');
    await waitFor(() => pollingEvents.filter((e) => (e as { type: string }).type === 'message.received').length === 2, 'polling agent received both');
    expect(disconnects).toEqual([]);
    expect(websocketAgent.socket.connected && polling.connected).toBe(true);
    polling.close();
  });
});

describe('connection caps', () => {
  const PER_IP = 40;
  const TOTAL = 70;
  let h: RelayHarness;
  const warnings: string[] = [];
  const logger: Logger = { info: () => {}, warn: (message) => warnings.push(message), error: () => {} };
  const probes: Probe[] = [];
  beforeAll(async () => {
    h = await startRelayHarness({ logger, env: { RELAY_MAX_CONNECTIONS: String(TOTAL), RELAY_MAX_CONNECTIONS_PER_IP: String(PER_IP) } });
  });
  afterEach(async () => {
    for (const p of probes.splice(0)) p.socket.destroy();
  });
  afterAll(() => h.close());

  const port = () => Number(new URL(h.relay.url).port);

  it('refuses a flood beyond the per-address cap from one address; /healthz and webhooks from another still answer; refusals are logged as one summary', async () => {
    const quiet = await quietHealthMs(h.relay.url);
    const flood = Array.from({ length: PER_IP + 25 }, () => probe(port(), '127.0.0.2'));
    probes.push(...flood);
    await waitFor(() => closed(flood) === 25, '25 connections over the cap refused');
    const answers = await healthyClientAnswers(h.relay.url, 3);
    expect(answers).toMatchObject({ health: 200, webhook: 200 });
    expect(answers.slowestMs).toBeLessThan(promptly(quiet));
    expect(closed(flood)).toBe(25); // the 40 within the cap are still open

    await h.stopRelay(); // flushes the pending summary
    const refusals = warnings.filter((line) => line.startsWith('Refused connections'));
    expect(refusals).toEqual([`Refused connections in the last 10 s: 25 over the per-address cap of ${PER_IP} (127.0.0.2 ×25)`]);
    await h.restartRelay();
  });

  it('holds the total cap across addresses', async () => {
    const first = Array.from({ length: PER_IP }, () => probe(port(), '127.0.0.2'));
    probes.push(...first);
    await waitFor(() => first.every((p) => p.socket.readyState === 'open'), 'first 40 open');
    const second = Array.from({ length: PER_IP }, () => probe(port(), '127.0.0.3'));
    probes.push(...second);
    // 40 + 40 > 70: ten of the second address's connections are refused although it is under its own cap.
    await waitFor(() => closed(second) === 2 * PER_IP - TOTAL, 'connections over the total cap refused');
    expect(closed(first)).toBe(0);
    // Full: even a healthy address is turned away; once the flood goes, it is served again.
    const extra = probe(port(), '127.0.0.1');
    probes.push(extra);
    await waitFor(() => extra.closedAt !== null, 'a connection over the total cap closed');
    for (const p of [...first, ...second]) p.socket.destroy();
    await waitUntil(async () => (await fetch(`${h.relay.url}/healthz`)).status === 200, { what: 'served again after the flood' });
  });
});
