import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server as SocketIoServer } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import type { WebchatEventLog } from '../../../../src/relay/channels/webchat/event-source';
import { attachWebchatNamespace } from '../../../../src/relay/channels/webchat/visitor-namespace';
import type { WebchatConfig } from '../../../../src/relay/config';
import { silentLogger } from '../../../../src/relay/logger';
import type { InboundBody, InboundOutcome } from '../../../../src/relay/store/channel-store-types';
import { appendEventsSync, headSeqSync, readEventsSync } from '../../../../src/relay/store/sqlite-event-log';
import { createSqliteWebchatStore } from '../../../../src/relay/store/sqlite-webchat';
import type { NewRelayEvent, RelayEvent } from '../../../../src/shared/protocol';
import { WEBCHAT_NAMESPACE, WEBCHAT_PROTOCOL_VERSION } from '../../../../src/shared/protocol/webchat';
import { bringToWebchatSchema } from './webchat-db';

export const SHOP_ORIGIN = 'https://shop.example';
export const IDENTITY_SECRET = 'unit-test-identity-secret-0123';

/**
 * The visitor namespace on a real socket.io server and a real SQLite file; the inbound queue is stood in for by
 * a submit that stores each item once (by dedupe key) as conversation.upserted + message.received.
 */
export async function startVisitorNamespace(overrides: Partial<WebchatConfig> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'relay-webchat-ns-'));
  const db = new Database(join(dir, 'relay.sqlite'));
  db.pragma('foreign_keys = ON');
  bringToWebchatSchema(db);
  const listeners = new Set<(head: number) => void>();
  const conversations = new Set<string>();
  const dedupe = new Set<string>();
  const appendEvents = (events: NewRelayEvent[]): RelayEvent[] => {
    const appended = db.transaction(() => appendEventsSync(db, events))();
    const last = appended[appended.length - 1];
    if (last) for (const listener of listeners) listener(last.seq);
    return appended;
  };
  const log: WebchatEventLog = {
    headSeq: () => headSeqSync(db),
    readEvents: (after, limit) => readEventsSync(db, after, limit),
    appendEvents,
    onEventsAppended(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    conversationExists: (id) => conversations.has(id),
  };
  const submitted: InboundBody[] = [];
  let failNext = false;
  const submit = async (body: InboundBody): Promise<InboundOutcome> => {
    submitted.push(body);
    if (failNext) {
      failNext = false;
      return { ok: false, error: new Error('disk full') };
    }
    const events: NewRelayEvent[] = [];
    let duplicates = 0;
    for (const item of body.items) {
      if (dedupe.has(item.dedupeKey)) {
        duplicates += 1;
        continue;
      }
      dedupe.add(item.dedupeKey);
      const conversation = item.conversation!;
      if (!conversations.has(conversation.id)) {
        conversations.add(conversation.id);
        events.push({
          type: 'conversation.upserted',
          conversationId: conversation.id,
          occurredAt: item.occurredAt,
          payload: { channel: 'webchat', friendId: conversation.customerId, displayName: conversation.placeholderName, pictureUrl: null },
        });
      }
      events.push({
        type: 'message.received',
        conversationId: conversation.id,
        occurredAt: item.occurredAt,
        payload: { messageId: item.message!.messageId, friendId: conversation.customerId, kind: 'text', text: item.message!.text, replyTokenReceivedAt: null },
      });
    }
    const appended = appendEvents(events);
    return { ok: true, result: { appended, duplicates, conversationsWithNewWindow: [], profileCandidates: [] } };
  };

  const httpServer = createServer();
  const io = new SocketIoServer(httpServer, { serveClient: false, cors: { origin: false } });
  let now = 1_700_000_000_000;
  const config: WebchatConfig = {
    allowedOrigins: [SHOP_ORIGIN],
    identitySecret: IDENTITY_SECRET,
    limits: { connectsPerIp: 100, messagesPerVisitor: 100, messagesPerIp: 100 },
    ...overrides,
  };
  const namespace = attachWebchatNamespace({ io, store: createSqliteWebchatStore(db), log, submit, config, now: () => now, logger: silentLogger, pollIntervalMs: 50 });
  await namespace.ready;
  await new Promise<void>((done) => httpServer.listen(0, '127.0.0.1', () => done()));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const clients: ClientSocket[] = [];

  return {
    db,
    log,
    submitted,
    failNextSubmit: () => (failNext = true),
    advance: (ms: number) => (now += ms),
    eventsOf: (conversationId: string) => readEventsSync(db, 0, 10_000).filter((event) => 'conversationId' in event && event.conversationId === conversationId),
    appendEvents,
    /** A visitor socket like the widget's (WebSocket, the page's Origin header). */
    visitor(visitorId: string, options: { origin?: string; protocol?: number } = {}): ClientSocket {
      const socket = connect(`${url}${WEBCHAT_NAMESPACE}`, {
        auth: { protocol: options.protocol ?? WEBCHAT_PROTOCOL_VERSION, visitorId },
        transports: ['websocket'],
        extraHeaders: options.origin === '' ? {} : { origin: options.origin ?? SHOP_ORIGIN },
        reconnection: false,
        forceNew: true,
      });
      clients.push(socket);
      return socket;
    },
    async close() {
      for (const client of clients) client.close();
      await namespace.stop();
      await new Promise<void>((done) => {
        io.close(() => done());
        httpServer.closeAllConnections();
      });
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
