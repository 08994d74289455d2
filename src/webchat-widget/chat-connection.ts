import { io, type Socket } from 'socket.io-client';
import {
  WEBCHAT_CONNECT_ERRORS,
  WEBCHAT_FRAMES,
  WEBCHAT_LIMITS,
  WEBCHAT_NAMESPACE,
  WEBCHAT_PROTOCOL_VERSION,
  webchatHistoryFrameSchema,
  webchatIdentifyAckSchema,
  webchatIdentifyFrameSchema,
  webchatMessageSchema,
  webchatSendAckSchema,
  webchatTextSchema,
  type WebchatHistoryFrame,
  type WebchatIdentifyFrame,
  type WebchatMessage,
} from '../shared/protocol/webchat';
import { ShopInboxChatError } from './chat-error';
import { randomUuid } from './random-ids';
import type { RelayEndpoint } from './relay-endpoint';

/**
 * The visitor's socket to the relay. Calls made while not connected wait in order and go out once connected
 * (an identity first, so queued messages land in the customer's conversation); a `send` that gets no answer
 * is resent with the same clientId (the relay answers a repeat with its first answer) until the deadline.
 */

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'refused';

export interface ConnectionEvents {
  history(frame: WebchatHistoryFrame): void;
  message(message: WebchatMessage): void;
  status(status: ConnectionStatus, error?: ShopInboxChatError): void;
}

export interface ChatConnection {
  /** Resolves with the stored message once the relay acknowledged it. `onQueued` gets the clientId at once. */
  send(text: string, onQueued?: (clientId: string, text: string) => void): Promise<WebchatMessage>;
  /** Sends a photo or file uploaded first (visitor-upload.ts) as message `clientId`; resolves with it stored. */
  sendAttachment(uploadId: string, clientId: string): Promise<WebchatMessage>;
  identify(user: unknown): Promise<void>;
  read(upTo: string): void;
  close(): void;
}

export interface ConnectionOptions {
  endpoint: RelayEndpoint;
  visitorId: string;
  events: ConnectionEvents;
  /** How long a call may wait for the relay (offline or unanswered) before it is rejected. */
  deadlineMs?: number;
  /** One attempt's wait for an acknowledgement before resending. */
  ackTimeoutMs?: number;
}

interface PendingSend {
  clientId: string;
  body: { text: string } | { attachment: { uploadId: string } };
  attempts: number;
  resolve(message: WebchatMessage): void;
  reject(error: ShopInboxChatError): void;
}

interface PendingIdentity {
  frame: WebchatIdentifyFrame;
  waiters: Array<{ resolve(): void; reject(error: ShopInboxChatError): void }>;
}

/** Refusals after which reconnecting cannot help (the page or the widget has to change). */
const PERMANENT = new Set<string>([WEBCHAT_CONNECT_ERRORS.originNotAllowed, WEBCHAT_CONNECT_ERRORS.badHandshake, WEBCHAT_CONNECT_ERRORS.protocolUnsupported]);
const RATE_LIMIT_RETRY_MS = 15_000;

const offlineError = () => new ShopInboxChatError('OFFLINE', 'The shop chat did not answer in time (offline?); the message was not sent');

export function createChatConnection({ endpoint, visitorId, events, deadlineMs = 15_000, ackTimeoutMs = 5_000 }: ConnectionOptions): ChatConnection {
  const socket: Socket = io(`${endpoint.origin}${WEBCHAT_NAMESPACE}`, {
    path: endpoint.socketPath,
    auth: { protocol: WEBCHAT_PROTOCOL_VERSION, visitorId },
    // The relay checks the Origin of the WebSocket upgrade; long-polling would need CORS on the relay.
    transports: ['websocket'],
    reconnectionDelayMax: 30_000,
  });
  const sends: PendingSend[] = [];
  let identity: PendingIdentity | null = null;
  /** True once connected and any identity was answered: sends may go out. */
  let ready = false;
  /** Set once the relay refused this page for good (origin, protocol): every call fails at once with it. */
  let refusal: ShopInboxChatError | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const attemptSend = (pending: PendingSend) => {
    const attempt = ++pending.attempts;
    socket.timeout(ackTimeoutMs).emit(WEBCHAT_FRAMES.send, { clientId: pending.clientId, ...pending.body }, (error: Error | null, raw: unknown) => {
      if (!sends.includes(pending)) return;
      if (error) {
        // No answer: resend (same clientId) unless a newer attempt or a reconnect already did.
        if (attempt === pending.attempts && ready) attemptSend(pending);
        return;
      }
      sends.splice(sends.indexOf(pending), 1);
      const ack = webchatSendAckSchema.safeParse(raw);
      if (!ack.success) pending.reject(new ShopInboxChatError('INTERNAL', 'The relay answered something unexpected'));
      else if (ack.data.ok) {
        const { id, at, attachment } = ack.data;
        pending.resolve({ id, text: 'text' in pending.body ? pending.body.text : '', from: 'visitor', at, ...(attachment ? { attachment } : {}) });
      }
      else pending.reject(new ShopInboxChatError(ack.data.code, ack.data.message));
    });
  };

  const flushSends = () => {
    ready = true;
    for (const pending of sends) attemptSend(pending);
  };

  const settleIdentity = (settled: PendingIdentity, error: ShopInboxChatError | null) => {
    const waiters = settled.waiters.splice(0);
    for (const waiter of waiters) (error ? waiter.reject(error) : waiter.resolve());
  };

  const sendIdentity = (pending: PendingIdentity) => {
    socket.timeout(ackTimeoutMs).emit(WEBCHAT_FRAMES.identify, pending.frame, (error: Error | null, raw: unknown) => {
      if (identity !== pending) return;
      if (!error) {
        const ack = webchatIdentifyAckSchema.safeParse(raw);
        const refusal = !ack.success
          ? new ShopInboxChatError('INTERNAL', 'The relay answered something unexpected')
          : ack.data.ok
            ? null
            : new ShopInboxChatError(ack.data.code, ack.data.message);
        // A refused identity is not offered again on the next reconnect.
        if (refusal) identity = null;
        settleIdentity(pending, refusal);
      }
      // Sends wait for the identity's answer (or its timeout), never longer.
      if (socket.connected && !ready) flushSends();
    });
  };

  socket.on('connect', () => {
    ready = false;
    events.status('online');
    if (identity) sendIdentity(identity);
    else flushSends();
  });
  socket.on('disconnect', () => {
    ready = false;
    events.status('offline');
  });
  socket.on('connect_error', (error: Error) => {
    const code = error.message;
    if (PERMANENT.has(code)) {
      refusal = new ShopInboxChatError(code, `The shop chat refused this page: ${code}`);
      // Nothing queued can ever go out: say why now instead of letting each call run into its deadline.
      for (const pending of sends.splice(0)) pending.reject(refusal);
      if (identity) settleIdentity(identity, refusal);
      identity = null;
      events.status('refused', refusal);
      return;
    }
    events.status('offline');
    // A middleware refusal stops socket.io's own reconnection; rate limiting is worth a later try.
    if (code === WEBCHAT_CONNECT_ERRORS.rateLimited && !socket.active) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => socket.connect(), RATE_LIMIT_RETRY_MS);
    }
  });
  socket.on(WEBCHAT_FRAMES.history, (raw: unknown) => {
    const frame = webchatHistoryFrameSchema.safeParse(raw);
    if (frame.success) events.history(frame.data);
  });
  socket.on(WEBCHAT_FRAMES.message, (raw: unknown) => {
    const message = webchatMessageSchema.safeParse(raw);
    if (message.success) events.message(message.data);
  });
  events.status('connecting');

  /** Rejects `reject` with OFFLINE unless `isPending()` turned false before the deadline. */
  const withDeadline = (isPending: () => boolean, drop: () => void, reject: (error: ShopInboxChatError) => void) => {
    setTimeout(() => {
      if (!isPending()) return;
      drop();
      reject(offlineError());
    }, deadlineMs);
  };

  /** A send waits in order for the connection, is resent with its clientId until answered, or fails at the deadline. */
  const enqueue = (clientId: string, body: PendingSend['body']) => {
    if (refusal) return Promise.reject(refusal);
    return new Promise<WebchatMessage>((resolve, reject) => {
      const pending: PendingSend = { clientId, body, attempts: 0, resolve, reject };
      sends.push(pending);
      withDeadline(() => sends.includes(pending), () => sends.splice(sends.indexOf(pending), 1), reject);
      if (ready) attemptSend(pending);
    });
  };

  return {
    send(text, onQueued) {
      const checked = webchatTextSchema.safeParse(text);
      if (!checked.success) {
        const tooLong = typeof text === 'string' && text.trim().length > WEBCHAT_LIMITS.textMax;
        return Promise.reject(new ShopInboxChatError(tooLong ? 'TOO_LONG' : 'INVALID', checked.error.issues[0]?.message ?? 'Invalid message'));
      }
      if (refusal) return Promise.reject(refusal);
      const clientId = randomUuid();
      onQueued?.(clientId, checked.data);
      return enqueue(clientId, { text: checked.data });
    },
    sendAttachment(uploadId, clientId) {
      return enqueue(clientId, { attachment: { uploadId } });
    },
    identify(user) {
      if (typeof (user as { hash?: unknown } | null)?.hash !== 'string') {
        return Promise.reject(new ShopInboxChatError('INVALID', "setUser needs hash: the hex HMAC-SHA256 of the user id with WEBCHAT_IDENTITY_SECRET, computed on the shop's server"));
      }
      const checked = webchatIdentifyFrameSchema.safeParse(user);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        return Promise.reject(new ShopInboxChatError('INVALID', `setUser: ${issue?.path.join('.') || 'user'}: ${issue?.message ?? 'invalid'}`));
      }
      if (refusal) return Promise.reject(refusal);
      return new Promise<void>((resolve, reject) => {
        const waiter = { resolve, reject };
        const pending: PendingIdentity = { frame: checked.data, waiters: [waiter] };
        if (identity) settleIdentity(identity, new ShopInboxChatError('INVALID', 'setUser was called again before the relay answered'));
        identity = pending;
        withDeadline(() => pending.waiters.includes(waiter), () => pending.waiters.splice(pending.waiters.indexOf(waiter), 1), reject);
        if (socket.connected) {
          ready = false;
          sendIdentity(pending);
        }
      });
    },
    read(upTo) {
      if (socket.connected) socket.emit(WEBCHAT_FRAMES.read, { upTo });
    },
    close() {
      clearTimeout(retryTimer);
      socket.close();
    },
  };
}
