import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import {
  AGENT_NAMESPACE,
  CONNECT_ERRORS,
  FRAMES,
  PROTOCOL_VERSION,
  handshakeAuthSchema,
  mutationEnvelopeSchema,
  type HandshakeAuth,
  type MutationAck,
  type NewRelayEvent,
  type RelayEvent,
} from '../../../../src/shared/protocol';

/**
 * A tiny relay for unit tests of the desktop core: speaks protocol v1 (hello, events, pull, mutate with
 * ack) over real socket.io on 127.0.0.1, with an in-memory event log and knobs to misbehave.
 */
export interface FakeRelayOptions {
  tokens?: Record<string, { name: string; role: 'agent' | 'lead' }>;
  relayId?: string;
  pageSize?: number;
  /** Relay clock (to test the server-time offset). */
  now?: () => number;
  port?: number;
  /** Send at most this many backlog pages after the handshake (the rest only when pulled). */
  maxBacklogPages?: number;
}

export interface MutateCall {
  id: string;
  type: string;
  payload: unknown;
}

export type MutateHandler = (call: MutateCall, relay: FakeRelay) => MutationAck | Promise<MutationAck> | 'no-answer';

export interface FakeRelay {
  url: string;
  port: number;
  relayId: string;
  events: RelayEvent[];
  handshakes: HandshakeAuth[];
  pulls: number[];
  mutations: MutateCall[];
  onMutate: MutateHandler;
  /** When true, live events are appended but not sent (a lost frame). */
  dropLive: boolean;
  append(event: NewRelayEvent): RelayEvent;
  /** Sends any frame to every connected agent. */
  broadcast(frame: string, body: unknown): void;
  connectedCount(): number;
  disconnectAll(): void;
  close(): Promise<void>;
}

export const DEFAULT_TOKEN = 'sia_test_token';

/** Accepts a reply like a relay with a fresh reply token would: message.sent + delivery sent_free. */
export const acceptReply: MutateHandler = (call, relay) => {
  // Read receipts: the relay answers ok whether or not it had a markAsReadToken.
  if (call.type === 'conversation.markRead') return { ok: true, markedRead: true };
  const payload = call.payload as { conversationId: string; text: string };
  const messageId = `srv-${call.id}`;
  const earlier = relay.mutations.filter((m) => m.id === call.id).length > 1;
  if (!earlier) {
    relay.append({
      type: 'message.sent',
      conversationId: payload.conversationId,
      occurredAt: Date.now(),
      payload: { messageId, mutationId: call.id, text: payload.text, agentName: 'Amy', delivery: 'sending', reason: null },
    });
    relay.append({
      type: 'delivery.updated',
      conversationId: payload.conversationId,
      occurredAt: Date.now(),
      payload: { messageId, mutationId: call.id, delivery: 'sent_free', reason: null },
    });
  }
  return { ok: true, messageId, delivery: 'sent_free', reason: null };
};

export async function startFakeRelay(options: FakeRelayOptions = {}): Promise<FakeRelay> {
  const tokens = options.tokens ?? { [DEFAULT_TOKEN]: { name: 'Amy', role: 'agent' } };
  const pageSize = options.pageSize ?? 500;
  const now = options.now ?? Date.now;
  const relayId = options.relayId ?? 'relay-test-1';
  const http: HttpServer = createServer((request, response) => {
    if (request.url === '/healthz') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ ok: true, relayId, headSeq: relay.events.length, lineConfigured: true }));
      return;
    }
    response.writeHead(404, { 'Content-Type': 'application/json' });
    response.end('{"error":"not found"}');
  });
  const io = new Server(http, { transports: ['websocket'] });
  const agents = io.of(AGENT_NAMESPACE);

  const relay: FakeRelay = {
    url: '',
    port: 0,
    relayId,
    events: [],
    handshakes: [],
    pulls: [],
    mutations: [],
    onMutate: acceptReply,
    dropLive: false,
    append(event) {
      const stored = { ...event, seq: relay.events.length + 1 } as RelayEvent;
      relay.events.push(stored);
      if (!relay.dropLive) {
        agents.emit(FRAMES.events, { events: [stored], cursor: stored.seq, headSeq: stored.seq });
      }
      return stored;
    },
    broadcast(frame, body) {
      agents.emit(frame, body);
    },
    connectedCount: () => agents.sockets.size,
    disconnectAll() {
      agents.disconnectSockets(true);
    },
    async close() {
      agents.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };

  function sendBacklog(socket: Socket, cursor: number, maxPages?: number): void {
    let from = cursor;
    const head = relay.events.length;
    let pages = 0;
    do {
      if (maxPages !== undefined && pages++ >= maxPages) return;
      const page = relay.events.slice(from, from + pageSize);
      from += page.length;
      socket.emit(FRAMES.events, { events: page, cursor: from, more: from < head, headSeq: head });
    } while (from < head);
  }

  agents.use((socket, next) => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) return next(new Error(CONNECT_ERRORS.badHandshake));
    relay.handshakes.push(auth.data);
    if (auth.data.protocol !== PROTOCOL_VERSION) return next(new Error(CONNECT_ERRORS.protocol));
    if (!tokens[auth.data.token]) return next(new Error(CONNECT_ERRORS.unauthorized));
    next();
  });
  agents.on('connection', (socket) => {
    const auth = handshakeAuthSchema.parse(socket.handshake.auth);
    const agent = tokens[auth.token]!;
    socket.emit(FRAMES.hello, { protocol: PROTOCOL_VERSION, relayId, headSeq: relay.events.length, serverTime: now(), agent });
    sendBacklog(socket, auth.cursor, options.maxBacklogPages);
    socket.on(FRAMES.pull, (body: { cursor: number }) => {
      relay.pulls.push(body.cursor);
      sendBacklog(socket, body.cursor);
    });
    socket.on(FRAMES.mutate, async (raw: unknown, ack: (answer: unknown) => void) => {
      const envelope = mutationEnvelopeSchema.safeParse(raw);
      if (!envelope.success) return ack({ ok: false, code: 'INVALID_MUTATION', message: 'bad envelope' });
      const call = envelope.data as MutateCall;
      relay.mutations.push(call);
      const answer = await relay.onMutate(call, relay);
      if (answer !== 'no-answer') ack(answer);
    });
  });

  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  relay.port = (http.address() as AddressInfo).port;
  relay.url = `http://127.0.0.1:${relay.port}`;
  return relay;
}

/** Event builders with realistic zh-TW content. */
export function conversationUpserted(userId: string, displayName: string, occurredAt = Date.now()): NewRelayEvent {
  return {
    type: 'conversation.upserted',
    conversationId: `line:${userId}`,
    occurredAt,
    payload: { channel: 'line', friendId: userId, displayName, pictureUrl: null },
  };
}

export function messageReceived(
  userId: string,
  messageId: string,
  text: string,
  occurredAt = Date.now(),
  replyTokenReceivedAt: number | null = null,
): NewRelayEvent {
  return {
    type: 'message.received',
    conversationId: `line:${userId}`,
    occurredAt,
    payload: { messageId, friendId: userId, kind: 'text', text, replyTokenReceivedAt },
  };
}
