/**
 * Relay ingest: signed LINE webhooks and signed Meta (Messenger) webhooks (one text message each, 500
 * customers) posted over loopback by
 * concurrent keep-alive senders to the real relay (its CLI, as a child process, SQLite in a temp dir, one
 * agent app connected receiving every event live), against a bare node:http server answering 200 with the
 * same senders and bodies, measured in the same run. Both at 4 and at 16 concurrent senders (the 16-sender
 * run is where group commit matters: concurrent webhooks share one transaction).
 * The relay runs without a LINE channel access token or Meta page token, so no profile fetches follow the webhooks.
 * Usage: npx tsx scripts/bench/relay-ingest.ts [--requests N] [--senders N (only this count)] [--channel line|meta]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io } from 'socket.io-client';
import { AGENT_NAMESPACE, PROTOCOL_VERSION } from '../../src/shared/protocol';
import { freePort } from '../lib/free-port';
import { callbackBody, FAKE_BOT_USER_ID, signLineBody, textMessageEvent } from '../../src/demo/fake-line';
import { customerMessageItem, metaWebhookBody, signMetaBody } from '../../src/demo/fake-meta';
import { goal, heading, ms, nowMs, perSecond, rate, summarize } from './stats';

const argValue = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const REQUESTS = argValue('--requests', 4_000);
const SENDER_COUNTS = process.argv.includes('--senders') ? [argValue('--senders', 4)] : [4, 16];
const WARM_UP = 200;
export const SECRET = 'bench0channel0secret0123456789ab';
const META_SECRET = 'bench0meta0app0secret0123456789';
const META_PAGE_ID = '106498375000001';
export type BenchChannel = 'line' | 'meta';
const channelArg = process.argv.indexOf('--channel');
const CHANNELS: BenchChannel[] = channelArg >= 0 ? [process.argv[channelArg + 1] as BenchChannel] : ['line', 'meta'];
const ROOT = resolve(__dirname, '..', '..');

interface Server {
  port: number;
  child: ChildProcess;
}

export function spawnServer(script: string, env: Record<string, string>): ChildProcess {
  return spawn(resolve(ROOT, 'node_modules', '.bin', 'tsx'), [script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
}

export async function waitUntilListening(port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await new Promise<boolean>((done) => {
      const probe = request({ host: '127.0.0.1', port, path: '/healthz', method: 'GET' }, (res) => {
        res.resume();
        done(true);
      });
      probe.on('error', () => done(false));
      probe.end();
    });
    if (up) return;
    if (Date.now() > deadline) throw new Error(`nothing listening on ${port} after 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface WebhookRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export function buildBodies(channel: BenchChannel, count: number): WebhookRequest[] {
  const bodies: WebhookRequest[] = [];
  const start = Date.now();
  for (let i = 0; i < count; i += 1) {
    const text = `請問訂單 #${i} 出貨了嗎？`;
    if (channel === 'line') {
      const userId = `U${(i % 500).toString(16).padStart(32, '0')}`;
      const event = textMessageEvent({ userId, text, replyToken: `token${i}`, timestamp: start + i });
      const body = JSON.stringify(callbackBody(FAKE_BOT_USER_ID, [event]));
      bodies.push({ path: '/webhooks/line', headers: { 'x-line-signature': signLineBody(body, SECRET) }, body });
    } else {
      const customerId = `65432109870${(i % 500).toString().padStart(5, '0')}`;
      const item = customerMessageItem({ accountId: META_PAGE_ID, customerId, text, mid: `m_bench_${start}_${i}`, timestamp: start + i });
      const body = JSON.stringify(metaWebhookBody('messenger', [{ accountId: META_PAGE_ID, items: [item], time: start + i }]));
      bodies.push({ path: '/webhooks/meta', headers: { 'x-hub-signature-256': signMetaBody(body, META_SECRET) }, body });
    }
  }
  return bodies;
}

export function post(agent: Agent, port: number, item: WebhookRequest): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: item.path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', ...item.headers, 'content-length': Buffer.byteLength(item.body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      },
    );
    req.on('error', fail);
    req.end(item.body);
  });
}

/** SENDERS loops share the bodies; each records its own latencies. */
async function blast(port: number, bodies: WebhookRequest[], senders: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: senders });
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const sender = async () => {
    for (;;) {
      const index = next;
      next += 1;
      const item = bodies[index];
      if (!item) return;
      const started = nowMs();
      const status = await post(agent, port, item);
      latencies.push(nowMs() - started);
      if (status !== 200) failures += 1;
    }
  };
  const started = nowMs();
  await Promise.all(Array.from({ length: senders }, sender));
  const elapsed = nowMs() - started;
  agent.destroy();
  return { elapsed, latencies, failures };
}

/** Receives every event live like a desktop app; resolves the counter once connected. */
export async function connectAgent(port: number, token: string): Promise<{ received: () => number; close: () => void }> {
  let received = 0;
  const socket = io(`http://127.0.0.1:${port}${AGENT_NAMESPACE}`, {
    auth: { token, cursor: 0, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    forceNew: true,
  });
  socket.on('events', (frame: { events: unknown[] }) => (received += frame.events.length));
  await new Promise<void>((done, fail) => {
    socket.once('hello', () => done());
    socket.once('connect_error', fail);
  });
  return { received: () => received, close: () => socket.close() };
}

async function measure(
  label: string,
  start: (port: number) => ChildProcess,
  bodies: WebhookRequest[],
  senders: number,
  agentToken: string | null = null,
) {
  const port = await freePort();
  const server: Server = { port, child: start(port) };
  try {
    await waitUntilListening(port);
    const agent = agentToken ? await connectAgent(port, agentToken) : null;
    await blast(port, bodies.slice(0, WARM_UP), senders);
    const result = await blast(port, bodies.slice(WARM_UP), senders);
    agent?.close();
    const stats = summarize(result.latencies);
    const throughput = perSecond(result.latencies.length, result.elapsed);
    const live = agent ? `  events pushed live to the agent: ${agent.received().toLocaleString('en-US')}` : '';
    console.log(
      `${label}: ${rate(throughput)} requests  p50 ${ms(stats.p50)}  p99 ${ms(stats.p99)}  max ${ms(stats.max)}  non-200: ${result.failures}${live}`,
    );
    return { throughput, ...stats, failures: result.failures };
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((done) => server.child.once('exit', done));
  }
}

function relayEnv(port: number, dataDir: string): Record<string, string> {
  return {
    RELAY_PORT: String(port),
    RELAY_HOST: '127.0.0.1',
    RELAY_DATA_DIR: dataDir,
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: '',
    META_APP_SECRET: META_SECRET,
    META_PAGE_ACCESS_TOKEN: '',
  };
}

function createToken(dataDir: string): string {
  const result = spawnSync(resolve(ROOT, 'node_modules', '.bin', 'tsx'), ['src/relay/cli/main.ts', 'token', 'create', '--name', 'Bench'], {
    cwd: ROOT,
    env: { ...process.env, ...relayEnv(0, dataDir) },
    encoding: 'utf8',
  });
  const token = result.stdout.trim().split('\n').pop();
  if (!token) throw new Error(`could not create an agent token: ${result.stderr}`);
  return token;
}

function report(
  channel: BenchChannel,
  senders: number,
  relay: { throughput: number; p50: number; p99: number; max: number; failures: number },
  bare: { throughput: number; p50: number; p99: number },
): void {
  const ratio = relay.throughput / bare.throughput;
  console.log(
    `${channel === 'line' ? 'LINE' : 'Meta'}, ${senders} senders, 1 agent: relay ${rate(relay.throughput)} p50 ${ms(relay.p50)} p99 ${ms(relay.p99)} | bare ${rate(bare.throughput)} p50 ${ms(bare.p50)} p99 ${ms(bare.p99)}` +
      ` | ratio relay/bare ${ratio.toFixed(2)}× (goal ≥ 0.3×: ${goal(ratio >= 0.3)}); p99 goal < 50 ms: ${goal(relay.p99 < 50)}; max ${ms(relay.max)} (goal none > 2 s: ${goal(relay.max <= 2000)}); all 200: ${goal(relay.failures === 0)}`,
  );
}

type Measured = Awaited<ReturnType<typeof measure>>;
interface IngestRow {
  channel: BenchChannel;
  senders: number;
  relay: Measured;
  bare: Measured;
}

export async function runRelayIngestBench(): Promise<void> {
  heading(
    `relay ingest: ${REQUESTS.toLocaleString('en-US')} signed webhooks (${CHANNELS.join(', ')}), ${SENDER_COUNTS.join(' and ')} keep-alive senders, 1 agent app live, loopback`,
  );
  const rows: IngestRow[] = [];
  for (const channel of CHANNELS) rows.push(...(await runChannel(channel)));
  for (const row of rows) report(row.channel, row.senders, row.relay, row.bare);
}

/** The same method for every channel: the bare server gets the same bodies as the relay, in the same run. */
async function runChannel(channel: BenchChannel): Promise<IngestRow[]> {
  const bodies = buildBodies(channel, REQUESTS + WARM_UP);
  const rows: IngestRow[] = [];
  for (const senders of SENDER_COUNTS) {
    const bare = await measure(
      `${channel}: bare node:http, ${senders} senders`,
      (port) => spawnServer('scripts/bench/bare-http-server.ts', { BENCH_PORT: String(port) }),
      bodies,
      senders,
    );
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-relay-'));
    try {
      const token = createToken(dataDir);
      const relay = await measure(
        `${channel}: relay, ${senders} senders, 1 agent app live`,
        (port) => spawnServer('src/relay/cli/main.ts', relayEnv(port, dataDir)),
        bodies,
        senders,
        token,
      );
      rows.push({ channel, senders, relay, bare });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}

if (require.main === module) void runRelayIngestBench();
