import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketIoServer, type Socket } from 'socket.io';
import {
  WEBCHAT_CONNECT_ERRORS,
  WEBCHAT_FRAMES,
  WEBCHAT_LIMITS,
  WEBCHAT_NAMESPACE,
  WEBCHAT_PROTOCOL_VERSION,
  WEBCHAT_WIDGET_PATH,
  webchatAuthSchema,
  webchatIdentifyFrameSchema,
  webchatReadFrameSchema,
  webchatSendFrameSchema,
  type WebchatHistoryFrame,
  type WebchatIdentifyAck,
  type WebchatMessage,
  type WebchatSendAck,
} from '../../../src/shared/protocol/webchat';
import { handleWebchatWidget } from '../../../src/relay/http/webchat-widget';

/**
 * The visitor side of the web chat protocol (docs/protocol.md, "Web chat (visitors)") in memory, on one
 * port: socket.io namespace /webchat plus GET /webchat/widget.js through the relay's own handler. It stores
 * a message before acknowledging it, like the relay. Tests push agent messages and read what visitors sent.
 */

export const TEST_IDENTITY_SECRET = 'webchat-identity-secret-for-tests';

export function identityHash(userId: string, secret = TEST_IDENTITY_SECRET): string {
  return createHmac('sha256', secret).update(userId).digest('hex');
}

interface Conversation {
  messages: WebchatMessage[];
  /** Answers by clientId: a resend gets the first answer. */
  answers: Map<string, WebchatSendAck>;
  readUpTo: string | null;
}

export interface WebchatVisitorServer {
  /** http://127.0.0.1:PORT — the "relay" the widget is loaded from. */
  url: string;
  /** The conversation key of an anonymous visitor (`visitor:<id>`) or an identified customer (`customer:<id>`). */
  conversation(key: string): readonly WebchatMessage[];
  /** Visitor ids that opened a socket, in order of first connection. */
  visitorIds(): string[];
  /** What visitors sent, over all conversations, in order. */
  visitorMessages(): readonly WebchatMessage[];
  /** How many `send` frames arrived (resends included). */
  sendFrames(): number;
  /** Stores an agent message and delivers it to every open socket of that conversation. */
  pushAgentMessage(key: string, text: string): WebchatMessage;
  unread(key: string): number;
  close(): Promise<void>;
}

export async function startWebchatVisitorServer({ allowedOrigins }: { allowedOrigins: readonly string[] }): Promise<WebchatVisitorServer> {
  const conversations = new Map<string, Conversation>();
  const visitorIds: string[] = [];
  const allVisitorMessages: WebchatMessage[] = [];
  let sendFrames = 0;
  let nextId = 1;

  const conversationOf = (key: string) => {
    let conversation = conversations.get(key);
    if (!conversation) {
      conversation = { messages: [], answers: new Map(), readUpTo: null };
      conversations.set(key, conversation);
    }
    return conversation;
  };
  const unread = (key: string) => {
    const { messages, readUpTo } = conversationOf(key);
    const readIndex = readUpTo ? messages.findIndex((message) => message.id === readUpTo) : -1;
    return messages.slice(readIndex + 1).filter((message) => message.from === 'agent').length;
  };
  const history = (key: string): WebchatHistoryFrame => ({ messages: [...conversationOf(key).messages], unread: unread(key) });
  const store = (key: string, text: string, from: WebchatMessage['from']) => {
    const message: WebchatMessage = { id: `m${nextId++}`, text, from, at: Date.now() };
    conversationOf(key).messages.push(message);
    return message;
  };

  const httpServer = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://visitor-server.invalid').pathname;
    if (path === WEBCHAT_WIDGET_PATH) {
      handleWebchatWidget(req, res).catch(() => res.writeHead(500).end());
      return;
    }
    res.writeHead(404).end('not found');
  });
  const io = new SocketIoServer(httpServer, { serveClient: false, cors: { origin: false } });
  const namespace = io.of(WEBCHAT_NAMESPACE);

  namespace.use((socket, next) => {
    if (!allowedOrigins.includes(socket.handshake.headers.origin ?? '')) return next(new Error(WEBCHAT_CONNECT_ERRORS.originNotAllowed));
    const auth = webchatAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) return next(new Error(WEBCHAT_CONNECT_ERRORS.badHandshake));
    if (auth.data.protocol !== WEBCHAT_PROTOCOL_VERSION) return next(new Error(WEBCHAT_CONNECT_ERRORS.protocolUnsupported));
    socket.data.key = `visitor:${auth.data.visitorId}`;
    if (!visitorIds.includes(auth.data.visitorId)) visitorIds.push(auth.data.visitorId);
    next();
  });

  namespace.on('connection', (socket: Socket) => {
    const key = () => socket.data.key as string;
    void socket.join(key());
    socket.emit(WEBCHAT_FRAMES.history, history(key()));

    socket.on(WEBCHAT_FRAMES.send, (raw: unknown, ack: (answer: WebchatSendAck) => void) => {
      sendFrames += 1;
      if (typeof ack !== 'function') return;
      const conversation = conversationOf(key());
      const clientId = (raw as { clientId?: unknown } | null)?.clientId;
      const earlier = typeof clientId === 'string' ? conversation.answers.get(clientId) : undefined;
      if (earlier) return ack(earlier);
      const frame = webchatSendFrameSchema.safeParse(raw);
      if (!frame.success) {
        const tooLong = typeof (raw as { text?: unknown })?.text === 'string' && (raw as { text: string }).text.trim().length > WEBCHAT_LIMITS.textMax;
        return ack({ ok: false, code: tooLong ? 'TOO_LONG' : 'INVALID', message: frame.error.issues[0]?.message ?? 'invalid' });
      }
      // Stored first, then answered and shown to the visitor's other tabs (and this one: clients dedupe by id).
      const message = store(key(), frame.data.text, 'visitor');
      allVisitorMessages.push(message);
      const answer: WebchatSendAck = { ok: true, id: message.id, at: message.at };
      conversation.answers.set(frame.data.clientId, answer);
      ack(answer);
      namespace.to(key()).emit(WEBCHAT_FRAMES.message, message);
    });

    socket.on(WEBCHAT_FRAMES.identify, (raw: unknown, ack: (answer: WebchatIdentifyAck) => void) => {
      if (typeof ack !== 'function') return;
      const frame = webchatIdentifyFrameSchema.safeParse(raw);
      if (!frame.success) return ack({ ok: false, code: 'INVALID', message: frame.error.issues[0]?.message ?? 'invalid' });
      const expected = Buffer.from(identityHash(frame.data.id), 'hex');
      const given = Buffer.from(frame.data.hash, 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return ack({ ok: false, code: 'IDENTITY_REJECTED', message: 'The identity hash does not match this user id' });
      }
      void socket.leave(key());
      socket.data.key = `customer:${frame.data.id}`;
      void socket.join(key());
      ack({ ok: true });
      socket.emit(WEBCHAT_FRAMES.history, history(key()));
    });

    socket.on(WEBCHAT_FRAMES.read, (raw: unknown) => {
      const frame = webchatReadFrameSchema.safeParse(raw);
      if (frame.success && conversationOf(key()).messages.some((message) => message.id === frame.data.upTo)) {
        conversationOf(key()).readUpTo = frame.data.upTo;
      }
    });
  });

  await new Promise<void>((done) => httpServer.listen(0, '127.0.0.1', () => done()));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    url,
    conversation: (key) => [...conversationOf(key).messages],
    visitorIds: () => [...visitorIds],
    visitorMessages: () => [...allVisitorMessages],
    sendFrames: () => sendFrames,
    pushAgentMessage(key, text) {
      const message = store(key, text, 'agent');
      namespace.to(key).emit(WEBCHAT_FRAMES.message, message);
      return message;
    },
    unread,
    close: () => closeServer(io, httpServer),
  };
}

function closeServer(io: SocketIoServer, httpServer: Server): Promise<void> {
  return new Promise((done) => {
    io.close(() => done());
    httpServer.closeAllConnections();
  });
}
