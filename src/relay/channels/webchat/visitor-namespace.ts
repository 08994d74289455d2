import type { Namespace, Server, Socket } from 'socket.io';
import {
  WEBCHAT_FRAMES,
  WEBCHAT_HISTORY_MAX,
  WEBCHAT_NAMESPACE,
  webchatIdentifyFrameSchema,
  webchatReadFrameSchema,
  type WebchatHistoryFrame,
  type WebchatIdentifyAck,
  type WebchatSendAck,
} from '../../../shared/protocol/webchat';
import type { WebchatConfig } from '../../config';
import type { Logger } from '../../logger';
import type { InboundBody, InboundOutcome } from '../../store/channel-store-types';
import type { WebchatCustomer, WebchatStore } from '../../store/webchat-store-types';
import type { WebchatEventLog } from './event-source';
import { isValidIdentityHash } from './identity';
import { checkVisitorHandshake, type VisitorHandshake } from './visitor-handshake';
import { visitorMessageBody, visitorMessageId } from './visitor-intake';
import { firstIssue, ownAttachmentOf, parseVisitorSend } from './visitor-send-frame';
import { startVisitorLiveFeed } from './visitor-live-feed';
import { unreadCount, toWire, visitorMessagesOf, type VisitorMessage } from './visitor-messages';
import { createVisitorPresence } from './visitor-presence';
import { createWindowCounter } from './window-counter';

export interface WebchatNamespaceDeps {
  io: Server;
  store: WebchatStore;
  log: WebchatEventLog;
  /** Stores a visitor's message like any channel's inbound body (the group-commit inbound queue). */
  submit(body: InboundBody): Promise<InboundOutcome>;
  config: WebchatConfig;
  now: () => number;
  logger: Logger;
  /** How often to look for events appended by other relay processes. Default 1 s. */
  pollIntervalMs?: number;
}

const MINUTE_MS = 60_000;
/** Any frame from one socket beyond this per minute disconnects it (a flood of reads or identifies). */
const FRAMES_PER_SOCKET_PER_MINUTE = 300;
/** A visitor frame is small (a 5,000-unit text is at most ~30 KB as JSON); anything bigger is refused unread. */
const MAX_FRAME_CHARS = 40_000;
/** Events read to build a history: enough for WEBCHAT_HISTORY_MAX messages with their delivery updates. */
const HISTORY_EVENTS = WEBCHAT_HISTORY_MAX * 4;
const KNOWN_FRAMES = new Set<string>([WEBCHAT_FRAMES.send, WEBCHAT_FRAMES.identify, WEBCHAT_FRAMES.read]);

interface VisitorSession extends VisitorHandshake {
  /** Whose conversation this socket reads and writes: the visitor's own, or the signed-in customer's. */
  customer: WebchatCustomer | null;
}


/**
 * The visitor side of web chat on `/webchat` (docs/protocol.md, "Web chat (visitors)"): origin and handshake
 * checks, rate limits per address and per visitor, the conversation's history on connect and after identify,
 * `send` stored through the inbound queue before it is acknowledged, `identify` by the shop's HMAC, `read`.
 * Each socket's frames are handled one after another, in the order they came (identify before the sends after it).
 */
export function attachWebchatNamespace(deps: WebchatNamespaceDeps) {
  const nsp: Namespace = deps.io.of(WEBCHAT_NAMESPACE);
  const { limits, identitySecret } = deps.config;
  const allowedOrigins = new Set(deps.config.allowedOrigins);
  const counter = (limit: number) => createWindowCounter({ limit, windowMs: MINUTE_MS, now: deps.now });
  const connectsPerIp = counter(limits.connectsPerIp);
  const messagesPerVisitor = counter(limits.messagesPerVisitor);
  const messagesPerIp = counter(limits.messagesPerIp);
  const sweeper = setInterval(() => [connectsPerIp, messagesPerVisitor, messagesPerIp].forEach((c) => c.sweep()), MINUTE_MS);
  sweeper.unref();

  const presence = createVisitorPresence({ log: deps.log, now: deps.now, logger: deps.logger });
  const feed = startVisitorLiveFeed({
    log: deps.log,
    emitToConversation: (conversationId, message) => nsp.to(conversationId).emit(WEBCHAT_FRAMES.message, message),
    logger: deps.logger,
    pollIntervalMs: deps.pollIntervalMs ?? 1000,
  });

  const conversationMessages = async (customer: WebchatCustomer): Promise<VisitorMessage[]> =>
    visitorMessagesOf(await deps.store.conversationMessageEvents(customer.conversationId, HISTORY_EVENTS), WEBCHAT_HISTORY_MAX);

  const history = async (customer: WebchatCustomer | null): Promise<WebchatHistoryFrame> => {
    if (!customer) return { messages: [], unread: 0 };
    const messages = await conversationMessages(customer);
    return { messages: messages.map(toWire), unread: unreadCount(messages, await deps.store.readPosition(customer.customerId)) };
  };

  nsp.use((socket, next) => {
    const decision = checkVisitorHandshake(socket, { allowedOrigins, connectsPerIp });
    if (!decision.ok) return next(new Error(decision.error));
    const session: VisitorSession = { ...decision.visitor, customer: null };
    socket.data = session;
    next();
  });

  nsp.on('connection', (socket: Socket) => {
    const session = socket.data as VisitorSession;
    const framesPerMinute = createWindowCounter({ limit: FRAMES_PER_SOCKET_PER_MINUTE, windowMs: MINUTE_MS, now: deps.now });
    let queue: Promise<void> = Promise.resolve();
    const inOrder = (label: string, task: () => Promise<void>) => {
      queue = queue.then(task).catch((error: unknown) => {
        deps.logger.error(`web chat ${label} failed: ${error instanceof Error ? error.stack : String(error)}`);
      });
    };

    /** Moves this socket to `customer`'s conversation room (presence follows). */
    const switchTo = async (customer: WebchatCustomer) => {
      const before = session.customer;
      if (before?.conversationId === customer.conversationId) {
        session.customer = customer;
        return;
      }
      session.customer = customer;
      await socket.join(customer.conversationId);
      void presence.join(customer.conversationId);
      if (before) {
        await socket.leave(before.conversationId);
        void presence.leave(before.conversationId);
      }
    };

    socket.use(([frameName, ...args], next) => {
      if (!framesPerMinute.take('socket')) {
        deps.logger.warn(`web chat visitor socket from ${session.address} sent over ${FRAMES_PER_SOCKET_PER_MINUTE} frames a minute: disconnected`);
        socket.disconnect(true);
        return;
      }
      if (typeof frameName !== 'string' || !KNOWN_FRAMES.has(frameName)) return;
      const size = JSON.stringify(args.filter((arg) => typeof arg !== 'function')).length;
      if (size > MAX_FRAME_CHARS) {
        const ack: unknown = args[args.length - 1];
        if (typeof ack === 'function') ack({ ok: false, code: frameName === WEBCHAT_FRAMES.send ? 'TOO_LONG' : 'INVALID', message: 'The frame is too large' });
        return;
      }
      next();
    });

    inOrder('connect', async () => {
      const own = await deps.store.findVisitorCustomer(session.visitorId);
      if (own && !session.customer) await switchTo(own);
      socket.emit(WEBCHAT_FRAMES.history, await history(session.customer));
    });

    socket.on(WEBCHAT_FRAMES.send, (raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const answer = (result: WebchatSendAck) => ack(result);
      inOrder('send', async () => {
        if (!messagesPerVisitor.take(session.visitorId) || !messagesPerIp.take(session.address)) {
          return answer({ ok: false, code: 'RATE_LIMITED', message: 'Too many messages: wait a minute and send again' });
        }
        const parsed = parseVisitorSend(raw);
        if (!parsed.ok) return answer(parsed.refusal);
        const { send } = parsed;
        try {
          const customer = session.customer ?? (await deps.store.ensureVisitorCustomer(session.visitorId, deps.now()));
          if (!session.customer) await switchTo(customer);
          const now = deps.now();
          const id = visitorMessageId(session.visitorId, send.clientId);
          // Only the visitor's own upload, only into the conversation this socket is in, only for this one message.
          const attachment =
            'uploadId' in send
              ? await deps.store.attachVisitorUpload({ visitorId: session.visitorId, uploadId: send.uploadId, conversationId: customer.conversationId, messageId: id })
              : undefined;
          if (attachment === null) return answer({ ok: false, code: 'INVALID', message: 'No such upload of yours (upload it first), or it was sent already' });
          const text = 'text' in send ? send.text : '';
          const outcome = await deps.submit(visitorMessageBody({ visitorId: session.visitorId, clientId: send.clientId, text, customer, now, ...(attachment ? { attachment } : {}) }));
          if (!outcome.ok) throw outcome.error;
          void presence.touch(customer.conversationId);
          // A resend of a message stored earlier: answer with the time it was first stored.
          const stored = outcome.result.duplicates > 0 ? (await conversationMessages(customer)).find((message) => message.id === id) : undefined;
          answer({ ok: true, id, at: stored?.at ?? now, ...(attachment ? { attachment: ownAttachmentOf(attachment) } : {}) });
        } catch (error) {
          deps.logger.error(`web chat message not stored: ${error instanceof Error ? error.message : String(error)}`);
          answer({ ok: false, code: 'INTERNAL', message: 'The message was not stored; send it again' });
        }
      });
    });

    socket.on(WEBCHAT_FRAMES.identify, (raw: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      const answer = (result: WebchatIdentifyAck) => ack(result);
      inOrder('identify', async () => {
        const frame = webchatIdentifyFrameSchema.safeParse(raw);
        if (!frame.success) return answer({ ok: false, code: 'INVALID', message: firstIssue(frame.error) });
        if (identitySecret === null) {
          return answer({ ok: false, code: 'IDENTITY_REJECTED', message: 'This relay does not link customers (WEBCHAT_IDENTITY_SECRET is not set)' });
        }
        if (!isValidIdentityHash(frame.data.id, frame.data.hash, identitySecret)) {
          deps.logger.warn(`web chat identify refused from ${session.address}: the hash does not match the user id`);
          return answer({ ok: false, code: 'IDENTITY_REJECTED', message: 'The identity hash does not match this user id' });
        }
        const customer = await deps.store.ensureIdentifiedCustomer({
          shopUserId: frame.data.id,
          name: frame.data.name,
          email: frame.data.email ?? null,
          now: deps.now(),
        });
        await switchTo(customer);
        answer({ ok: true });
        socket.emit(WEBCHAT_FRAMES.history, await history(customer));
      });
    });

    socket.on(WEBCHAT_FRAMES.read, (raw: unknown) => {
      inOrder('read', async () => {
        const frame = webchatReadFrameSchema.safeParse(raw);
        const customer = session.customer;
        if (!frame.success || !customer) return;
        // Only a message of this socket's own conversation moves its read position.
        const message = (await conversationMessages(customer)).find((candidate) => candidate.id === frame.data.upTo);
        if (message) await deps.store.markRead(customer.customerId, message.seq, deps.now());
      });
    });

    socket.on('disconnect', () => {
      inOrder('disconnect', async () => {
        if (session.customer) await presence.leave(session.customer.conversationId);
      });
    });
  });

  return {
    /** Resolves once live delivery knows where the event log ends. */
    ready: feed.ready,
    async stop() {
      clearInterval(sweeper);
      await feed.stop();
      await presence.whenIdle();
    },
  };
}
