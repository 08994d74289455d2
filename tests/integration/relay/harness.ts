import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import {
  AGENT_NAMESPACE,
  PROTOCOL_VERSION,
  eventsFrameSchema,
  helloFrameSchema,
  mutationAckSchema,
  type EventsFrame,
  type HelloFrame,
  type MutationAck,
  type ReplySendAck,
  type RelayEvent,
} from '../../../src/shared/protocol';
import { createAgentToken } from '../../../src/relay/auth/agent-tokens';
import { loadRelayConfig } from '../../../src/relay/config';
import { silentLogger, type Logger } from '../../../src/relay/logger';
import { startRelay, type RunningRelay } from '../../../src/relay/server';
import { startFakeLine, type FakeLine } from '../../../src/demo/fake-line';
import { relayStorageEnv } from '../../support/relay-backend';

export const CHANNEL_SECRET = 'f2a1c0ffee5ecret0123456789abcdef';
export const CHANNEL_ACCESS_TOKEN = 'test-channel-access-token';

/** Polls `check` until it returns a value (not undefined/false) or the deadline passes. */
export async function waitFor<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A clock both the relay and the fake LINE read, so tests can age reply tokens without sleeping. */
export function createTestClock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
  };
}

export interface AgentConnection {
  socket: Socket;
  frames: EventsFrame[];
  events: RelayEvent[];
  hello: Promise<HelloFrame>;
  order: string[];
  /** Typed as a reply.send answer by default; rules.save tests name MutationAck. */
  mutate<A extends MutationAck = ReplySendAck>(frame: unknown): Promise<A>;
  close(): void;
}

export function connectAgent(relayUrl: string, token: string, cursor = 0, protocol: number = PROTOCOL_VERSION): AgentConnection {
  const socket = io(`${relayUrl}${AGENT_NAMESPACE}`, {
    auth: { token, cursor, protocol },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const frames: EventsFrame[] = [];
  const events: RelayEvent[] = [];
  const order: string[] = [];
  const hello = new Promise<HelloFrame>((resolve, reject) => {
    socket.once('hello', (frame: unknown) => resolve(helloFrameSchema.parse(frame)));
    socket.once('connect_error', reject);
  });
  socket.on('hello', () => order.push('hello'));
  socket.on('events', (raw: unknown) => {
    order.push('events');
    const frame = eventsFrameSchema.parse(raw);
    frames.push(frame);
    // Like the real client: drop anything at or below what we already applied.
    const last = events[events.length - 1]?.seq ?? cursor;
    events.push(...frame.events.filter((event) => event.seq > last));
  });
  return {
    socket,
    frames,
    events,
    hello,
    order,
    async mutate<A extends MutationAck = ReplySendAck>(frame: unknown): Promise<A> {
      return mutationAckSchema.parse(await socket.timeout(15_000).emitWithAck('mutate', frame)) as A;
    },
    close: () => socket.close(),
  };
}

/** Resolves with the connect_error message the relay gave. */
export function connectError(relayUrl: string, auth: Record<string, unknown>): Promise<string> {
  const socket = io(`${relayUrl}${AGENT_NAMESPACE}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect_error', (error: Error) => {
      socket.close();
      resolve(error.message);
    });
    socket.once('connect', () => {
      socket.close();
      reject(new Error('connected although it should have been refused'));
    });
  });
}

export interface RelayHarness {
  /** The running relay (a new one after restartRelay()). */
  readonly relay: RunningRelay;
  fakeLine: FakeLine;
  clock: ReturnType<typeof createTestClock>;
  dataDir: string;
  agentToken: string;
  /** Amy's lead token (only leads save the catalog, rules and settings, or manage tokens). */
  leadToken: string;
  connect(cursor?: number): AgentConnection;
  connectLead(cursor?: number): AgentConnection;
  /** Stops the relay (clients go offline); its data folder stays. */
  stopRelay(): Promise<void>;
  /** Starts the relay again on the same data folder (a new port: reach it through `relay`). */
  restartRelay(): Promise<RunningRelay>;
  close(): Promise<void>;
}

export async function startRelayHarness(
  options: {
    channelSecret?: string | null;
    env?: Record<string, string>;
    lineRequestTimeoutMs?: number;
    /** Off by default so tests can count events; quota tests turn it on or call relay.pollQuota(). */
    quotaPolling?: boolean;
    /** Silent by default. */
    logger?: Logger;
  } = {},
): Promise<RelayHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relay-it-'));
  const clock = createTestClock();
  const fakeLine = await startFakeLine({ now: clock.now, channelAccessToken: CHANNEL_ACCESS_TOKEN });
  const secret = options.channelSecret === undefined ? CHANNEL_SECRET : options.channelSecret;
  const launch = () =>
    startRelay(
      loadRelayConfig({
        RELAY_PORT: '0',
        RELAY_HOST: '127.0.0.1',
        ...relayStorageEnv(dataDir),
        LINE_CHANNEL_SECRET: secret ?? undefined,
        LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN,
        LINE_API_BASE_URL: fakeLine.url,
        LINE_DATA_API_BASE_URL: fakeLine.url,
        ...options.env,
      }),
      {
        now: clock.now,
        logger: options.logger ?? silentLogger,
        pollIntervalMs: 100,
        lineRequestTimeoutMs: options.lineRequestTimeoutMs,
        quotaPolling: options.quotaPolling ?? false,
        pushRetryDelayMs: 10,
      },
    );
  let relay = await launch();
  const agentToken = await createAgentToken(relay.store, { name: 'Amy', role: 'agent' });
  const leadToken = await createAgentToken(relay.store, { name: 'Amy', role: 'lead' });
  const connections: AgentConnection[] = [];
  return {
    get relay() {
      return relay;
    },
    fakeLine,
    clock,
    dataDir,
    agentToken,
    leadToken,
    connect(cursor = 0) {
      const connection = connectAgent(relay.url, agentToken, cursor);
      connections.push(connection);
      return connection;
    },
    connectLead(cursor = 0) {
      const connection = connectAgent(relay.url, leadToken, cursor);
      connections.push(connection);
      return connection;
    },
    stopRelay: () => relay.close(),
    async restartRelay() {
      await relay.close();
      relay = await launch();
      return relay;
    },
    async close() {
      for (const connection of connections) connection.close();
      await relay.close();
      await fakeLine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function eventsOfType<T extends RelayEvent['type']>(events: readonly RelayEvent[], type: T) {
  return events.filter((event): event is Extract<RelayEvent, { type: T }> => event.type === type);
}
