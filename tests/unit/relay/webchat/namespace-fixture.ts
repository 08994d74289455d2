import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server as SocketIoServer } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { webchatEventLogOf } from '../../../../src/relay/channels/webchat/event-source';
import { attachWebchatNamespace } from '../../../../src/relay/channels/webchat/visitor-namespace';
import type { WebchatConfig } from '../../../../src/relay/config';
import { silentLogger } from '../../../../src/relay/logger';
import { createInboundQueue } from '../../../../src/relay/http/inbound-queue';
import type { InboundBody, InboundOutcome } from '../../../../src/relay/store/channel-store-types';
import { openTestRelayStore } from '../../../support/relay-backend';
import type { NewRelayEvent } from '../../../../src/shared/protocol';
import { WEBCHAT_NAMESPACE, WEBCHAT_PROTOCOL_VERSION } from '../../../../src/shared/protocol/webchat';

export const SHOP_ORIGIN = 'https://shop.example';
export const IDENTITY_SECRET = 'unit-test-identity-secret-0123';

/**
 * The visitor namespace alone on a real socket.io server, over a real relay store (SQLite file, or PostgreSQL in the
 * integration-postgres project) and its inbound queue, with a clock the test moves. `failNextSubmit` makes the next store write fail.
 */
export async function startVisitorNamespace(overrides: Partial<WebchatConfig> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'relay-webchat-ns-'));
  const store = await openTestRelayStore(dir);
  const queue = createInboundQueue(store);
  const submitted: InboundBody[] = [];
  let failNext = false;
  const submit = async (body: InboundBody): Promise<InboundOutcome> => {
    submitted.push(body);
    if (failNext) {
      failNext = false;
      return { ok: false, error: new Error('disk full') };
    }
    return queue.submit(body);
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
  const namespace = attachWebchatNamespace({
    io,
    store: store.webchat,
    log: webchatEventLogOf(store),
    submit,
    config,
    now: () => now,
    logger: silentLogger,
    pollIntervalMs: 50,
  });
  await namespace.ready;
  await new Promise<void>((done) => httpServer.listen(0, '127.0.0.1', () => done()));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const clients: ClientSocket[] = [];

  return {
    store,
    submitted,
    failNextSubmit: () => (failNext = true),
    advance: (ms: number) => (now += ms),
    eventsOf: async (conversationId: string) =>
      (await store.readEvents(0, 10_000)).filter((event) => 'conversationId' in event && event.conversationId === conversationId),
    appendEvents: (events: NewRelayEvent[]) => store.appendEvents(events),
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
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
