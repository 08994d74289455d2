import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { callbackBody, FAKE_BOT_USER_ID, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../../../src/demo/fake-line';
import type { RelayEvent } from '../../../src/shared/protocol';
import { CHANNEL_ACCESS_TOKEN, CHANNEL_SECRET, RelayProcess } from '../faults/support';
import { freePort, runRelayCli } from '../../support/processes';
import { relayStorageEnv } from '../../support/relay-backend';
import { connectAgent, type AgentConnection } from '../relay/harness';

/** Several real relay processes (the CLI, as in production) on one PostgreSQL database, and what drives them. */
export interface RelayCluster {
  dataDir: string;
  relays: RelayProcess[];
  /** Everything the store settings say, for a CLI run against the same database. */
  storageEnv: Record<string, string>;
}

/** A short lease, so a killed leader's background work is taken over within seconds. */
export const CLUSTER_LEASE_MS = 2_000;

/**
 * `count` relay processes on one database, started at the same moment, sharing one data folder (on PostgreSQL it
 * holds only the media folder, which every relay must share, as a shared volume does in production).
 */
export async function startRelayCluster(fakeLine: FakeLine, count: number, extraEnv: Record<string, string> = {}): Promise<RelayCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-cluster-'));
  const env = { RELAY_BACKGROUND_LEASE_MS: String(CLUSTER_LEASE_MS), RELAY_MAX_CONNECTIONS_PER_IP: '0', ...extraEnv };
  const relays = await Promise.all(
    // Several relays compiling and starting at once on a busy machine take a while.
    Array.from({ length: count }, async () => new RelayProcess({ port: await freePort(), dataDir, fakeLine, storage: relayStorageEnv(dataDir), env, startTimeoutMs: 90_000 })),
  );
  await Promise.all(relays.map((relay) => relay.start()));
  return { dataDir, relays, storageEnv: relayStorageEnv(dataDir) };
}

/**
 * For one test file: a fake LINE and `count` relay processes on one database (beforeAll), stopped with the agents
 * the tests made (afterAll). Read them inside tests.
 */
export function useRelayCluster(count: number, env: Record<string, string> = {}) {
  const state: { fakeLine?: FakeLine; cluster?: RelayCluster; agents: FollowingAgent[] } = { agents: [] };
  beforeAll(async () => {
    state.fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
    state.cluster = await startRelayCluster(state.fakeLine, count, env);
  }, 120_000);
  afterAll(async () => {
    for (const agent of state.agents) agent.close();
    await Promise.all(state.cluster?.relays.map((relay) => relay.stop()) ?? []);
    await state.fakeLine?.close();
    if (state.cluster) rmSync(state.cluster.dataDir, { recursive: true, force: true });
  });
  return {
    fakeLine: () => state.fakeLine!,
    cluster: () => state.cluster!,
    /** An agent app following relay `index` with `token` (closed after the file's tests). */
    follow(index: number, token: string): FollowingAgent {
      const agent = new FollowingAgent(() => state.cluster!.relays[index]!.url, token);
      state.agents.push(agent);
      return agent;
    },
  };
}

/** `npm run relay -- token create` against the cluster's database: the token is the last stdout line. */
export async function createTokenWithCli(cluster: RelayCluster, name: string): Promise<string> {
  const result = await runRelayCli(['token', 'create', '--name', name], { ...process.env, ...cluster.storageEnv });
  if (result.code !== 0) throw new Error(`token create failed: ${result.stderr}`);
  return result.stdout.trim().split('\n').at(-1)!.trim();
}

export interface CustomerMessage {
  index: number;
  userId: string;
  messageId: string;
  replyToken: string;
  body: object;
}

/** Message `index` of `customers` customers, each with a fresh reply token (a LINE user id of 32 hex digits). */
export function customerMessage(fakeLine: FakeLine, index: number, customers: number): CustomerMessage {
  const userId = `U${(index % customers).toString(16).padStart(32, '0')}`;
  const replyToken = fakeLine.issueReplyToken();
  const messageId = `${900_000_000_000 + index}`;
  const event = textMessageEvent({ userId, text: `第 ${index} 則：請問出貨了嗎？`, replyToken, messageId, timestamp: fakeLine.now() });
  return { index, userId, messageId, replyToken, body: callbackBody(FAKE_BOT_USER_ID, [event]) };
}

/**
 * Posts one webhook the way LINE (or a load balancer in front of the relays) would: to `first`, and when no 200
 * comes back (refused, reset, killed mid-request), the same body again to the next relay, up to `attempts` times.
 * Resolves with how many posts it took, or null when none was answered 200.
 */
export async function postWithFailover(urls: readonly string[], first: number, body: object, attempts = 6): Promise<number | null> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const url = urls[(first + attempt) % urls.length]!;
    const result = await postLineWebhook(url, CHANNEL_SECRET, body).catch(() => null);
    if (result?.status === 200) return attempt + 1;
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
  }
  return null;
}

/** An agent that follows one relay: reconnects from its last seq whenever that relay comes back. */
export class FollowingAgent {
  private connections: AgentConnection[] = [];

  constructor(
    private readonly url: () => string,
    private readonly token: string,
  ) {}

  /** Every event received, across reconnections (each connection continues after the previous one's last seq). */
  events(): RelayEvent[] {
    return this.connections.flatMap((connection) => connection.events);
  }

  lastSeq(): number {
    return this.events().at(-1)?.seq ?? 0;
  }

  current(): AgentConnection | undefined {
    return this.connections.at(-1);
  }

  async connect(): Promise<AgentConnection> {
    const connection = connectAgent(this.url(), this.token, this.lastSeq());
    this.connections.push(connection);
    await connection.hello;
    return connection;
  }

  close(): void {
    for (const connection of this.connections) connection.close();
  }
}

export function messagesReceived(events: readonly RelayEvent[]): { seq: number; messageId: string }[] {
  return events.flatMap((event) => (event.type === 'message.received' ? [{ seq: event.seq, messageId: event.payload.messageId }] : []));
}
