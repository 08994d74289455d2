import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callbackBody, FAKE_BOT_USER_ID, postLineWebhook, textMessageEvent, type FakeLine } from '../../../src/demo/fake-line';
import type { RelayEvent } from '../../../src/shared/protocol';
import { CHANNEL_SECRET, RelayProcess } from '../faults/support';
import { freePort, ROOT_DIR } from '../../support/processes';
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

/** `count` relay processes on one database, started at the same moment. */
export async function startRelayCluster(fakeLine: FakeLine, count: number): Promise<RelayCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-cluster-'));
  const env = { RELAY_BACKGROUND_LEASE_MS: String(CLUSTER_LEASE_MS), RELAY_MAX_CONNECTIONS_PER_IP: '0' };
  const relays = await Promise.all(
    // Several relays compiling and starting at once on a busy machine take a while.
    Array.from({ length: count }, async () => new RelayProcess({ port: await freePort(), dataDir, fakeLine, env, startTimeoutMs: 90_000 })),
  );
  await Promise.all(relays.map((relay) => relay.start()));
  return { dataDir, relays, storageEnv: relayStorageEnv(dataDir) };
}

/** `npm run relay -- token create` against the cluster's database: the token is the last stdout line. */
export function createTokenWithCli(cluster: RelayCluster, name: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/relay/cli/main.ts', 'token', 'create', '--name', name],
      { cwd: ROOT_DIR, env: { ...process.env, ...cluster.storageEnv } },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`token create failed: ${stderr}`));
        resolve(stdout.trim().split('\n').at(-1)!.trim());
      },
    );
  });
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
