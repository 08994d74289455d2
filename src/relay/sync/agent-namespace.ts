import type { Namespace, Server, Socket } from 'socket.io';
import {
  AGENT_NAMESPACE,
  CONNECT_ERRORS,
  FRAMES,
  PROTOCOL_VERSION,
  handshakeAuthSchema,
  presenceFrameSchema,
  pullFrameSchema,
  type HelloFrame,
  type AnyMutationAck,
} from '../../shared/protocol';
import { authenticateAgentToken, hashAgentToken, type AuthenticatedAgent } from '../auth/agent-tokens';
import { createHandshakeLimiter, type HandshakeLimits } from '../auth/handshake-limiter';
import type { MutationHandler } from '../delivery/mutation-handler';
import type { Logger } from '../logger';
import type { RelayStore } from '../store/relay-store';
import { AgentFeed, type FeedClient } from './agent-feed';
import { createTokenGuard, type GuardedSession } from './token-guard';
import { answerTeamRequest } from '../team/team-requests';
import { trackAgentSession } from '../team/agent-sessions';

interface AgentSocketData {
  agent: AuthenticatedAgent;
  tokenHash: string;
  cursor: number;
}

export interface AgentNamespaceDeps {
  io: Server;
  store: RelayStore;
  mutations: MutationHandler;
  now: () => number;
  logger: Logger;
  /** How often to look for events appended by other relay processes. */
  pollIntervalMs?: number;
  /** An agent reported typing in a conversation (drives LINE's typing indicator). */
  onAgentTyping?: (conversationId: string) => void;
  /** Token checks and the failed-handshake cap (RELAY_TOKEN_CHECK_MS, RELAY_AUTH_FAILURE_*). */
  auth?: AgentAuthOptions;
}

export interface AgentAuthOptions {
  /** How often the tokens of this process's open sockets are re-read (revocations by another process). */
  tokenCheckIntervalMs: number;
  handshake: HandshakeLimits;
}

export const DEFAULT_AGENT_AUTH: AgentAuthOptions = { tokenCheckIntervalMs: 1000, handshake: { maxFailures: 20, windowMs: 60_000 } };

/** A typing report holds back auto-replies this long unless renewed (clients renew every few seconds). */
export const PRESENCE_TTL_MS = 15_000;

interface SocketFeedClient extends FeedClient {
  readonly socketId: string;
}

function socketFeedClient(socket: Socket): SocketFeedClient {
  return {
    socketId: socket.id,
    get connected() {
      return socket.connected;
    },
    sendEvents: (frame) => socket.emit(FRAMES.events, frame),
  };
}

/** Sync protocol (docs/protocol.md) on `/agent`: authenticate, hello, backlog + live events, pull, mutate. */
export async function attachAgentNamespace(deps: AgentNamespaceDeps): Promise<{ feed: AgentFeed<SocketFeedClient>; stop(): void }> {
  const nsp: Namespace = deps.io.of(AGENT_NAMESPACE);
  const feed = new AgentFeed<SocketFeedClient>(
    deps.store,
    await deps.store.headSeq(),
    (error) => deps.logger.error(`event delivery failed: ${error instanceof Error ? error.message : String(error)}`),
    // Every socket is in a room named by its id: one emit encodes the frame once for all of them.
    (clients, frame) => nsp.to(clients.map((client) => client.socketId)).emit(FRAMES.events, frame),
  );
  const unsubscribe = deps.store.onEventsAppended(() => feed.wake());
  // poll() reports its failures through the feed's onError.
  const poller = setInterval(() => feed.poll(), deps.pollIntervalMs ?? 1000);
  poller.unref();

  const auth = deps.auth ?? DEFAULT_AGENT_AUTH;
  const guard = createTokenGuard({ store: deps.store, logger: deps.logger, intervalMs: auth.tokenCheckIntervalMs });
  const limiter = createHandshakeLimiter(auth.handshake, deps.logger, deps.now);
  const limiterSweep = setInterval(() => limiter.sweep(), Math.min(auth.handshake.windowMs, 60_000));
  limiterSweep.unref();

  nsp.use((socket, next) => {
    admit(socket).then(next, (error: unknown) => {
      deps.logger.error(`handshake check failed: ${error instanceof Error ? error.message : String(error)}`);
      next(new Error(CONNECT_ERRORS.unauthorized));
    });
  });

  /** Checks a handshake; resolves with the refusal to answer, or undefined when the socket is admitted. */
  async function admit(socket: Parameters<Parameters<typeof nsp.use>[0]>[0]): Promise<Error | undefined> {
    const address = socket.handshake.address;
    // Over the cap: refused before the token is even looked at.
    if (limiter.isLimited(address)) return new Error(CONNECT_ERRORS.rateLimited);
    const refuse = (error: string) => {
      limiter.recordFailure(address, error);
      return new Error(error);
    };
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null && 'token' in auth ? auth.token : undefined;
    const parsed = handshakeAuthSchema.safeParse(auth);
    if (typeof token !== 'string' || token.length === 0) return refuse(CONNECT_ERRORS.unauthorized);
    if (parsed.success && parsed.data.protocol !== PROTOCOL_VERSION) return new Error(CONNECT_ERRORS.protocol);
    if (!parsed.success) return refuse(CONNECT_ERRORS.badHandshake);
    const agent = await authenticateAgentToken(deps.store, parsed.data.token);
    if (!agent) return refuse(CONNECT_ERRORS.unauthorized);
    const data: AgentSocketData = { agent, tokenHash: hashAgentToken(parsed.data.token), cursor: parsed.data.cursor };
    socket.data = data;
    return undefined;
  }

  nsp.on('connection', (socket) => {
    const { agent, tokenHash, cursor } = socket.data as AgentSocketData;
    const client = socketFeedClient(socket);
    const session: GuardedSession = { tokenHash, agent, disconnect: () => socket.disconnect(true) };
    guard.add(session);
    // Every incoming frame, whatever its name, is authorised against the token as it is now: a revoked or
    // changed token is refused (a mutate gets FORBIDDEN) and its socket cut off before any handler runs.
    socket.use(([frameName, ...args], next) => {
      const ack: unknown = args[args.length - 1];
      const refuse = () => {
        if (frameName === FRAMES.mutate && typeof ack === 'function') {
          ack({ ok: false, code: 'FORBIDDEN', message: 'This agent token was revoked or changed' } satisfies AnyMutationAck);
        }
      };
      guard.check(session, refuse).then(
        (allowed) => {
          if (allowed) next();
        },
        (error: unknown) => {
          deps.logger.error(`token check failed: ${error instanceof Error ? error.message : String(error)}`);
          refuse();
        },
      );
    });

    socket.on(FRAMES.request, (frame: unknown, ack: unknown) => {
      if (typeof ack !== 'function') return;
      answerTeamRequest(deps.store, frame, agent, deps.now()).then(
        (answer) => ack(answer),
        (error: unknown) => {
          deps.logger.error(`request failed: ${error instanceof Error ? error.message : String(error)}`);
          ack({ ok: false, code: 'INTERNAL', message: 'The relay failed to answer this request; try again' });
        },
      );
    });
    const online = trackAgentSession({ store: deps.store, agent, now: deps.now, logger: deps.logger, socketId: socket.id });

    socket.on(FRAMES.pull, (frame: unknown) => {
      const pull = pullFrameSchema.safeParse(frame);
      if (pull.success) feed.catchUp(client, pull.data.cursor);
    });

    socket.on(FRAMES.mutate, (frame: unknown, ack: unknown) => {
      const answer = (result: AnyMutationAck) => {
        if (typeof ack === 'function') ack(result);
      };
      deps.mutations.apply(frame, agent).then(answer, (error: unknown) => {
        deps.logger.error(`mutation failed: ${error instanceof Error ? error.stack : String(error)}`);
        answer({ ok: false, code: 'INTERNAL', message: 'The relay failed to apply this mutation; retry with the same id' });
      });
    });

    const reportPresence = (conversationId: string | null, typing: boolean) => {
      deps.store
        .setPresence({ tokenHash, agentName: agent.name, conversationId, typing, now: deps.now(), ttlMs: PRESENCE_TTL_MS })
        .catch((error: unknown) => deps.logger.error(`presence not stored: ${error instanceof Error ? error.message : String(error)}`));
    };
    socket.on(FRAMES.presence, (frame: unknown) => {
      const presence = presenceFrameSchema.safeParse(frame);
      if (!presence.success) return;
      reportPresence(presence.data.conversationId, presence.data.typing);
      if (presence.data.typing && presence.data.conversationId !== null) deps.onAgentTyping?.(presence.data.conversationId);
    });

    socket.on('disconnect', () => {
      online.end();
      guard.remove(session);
      feed.remove(client);
      // Gone agents stop holding back auto-replies at once rather than at expiry.
      reportPresence(null, false);
    });

    // Handlers are in place before anything is awaited, so no frame the client sends early is lost.
    // hello goes first, then the backlog (the feed).
    deps.store.headSeq().then(
      (headSeq) => {
        if (socket.disconnected) return;
        const hello: HelloFrame = { protocol: PROTOCOL_VERSION, relayId: deps.store.relayId, headSeq, serverTime: deps.now(), agent };
        socket.emit(FRAMES.hello, hello);
        feed.add(client, cursor);
      },
      (error: unknown) => {
        deps.logger.error(`hello not sent: ${error instanceof Error ? error.message : String(error)}`);
        socket.disconnect(true);
      },
    );
  });

  return {
    feed,
    stop() {
      clearInterval(poller);
      clearInterval(limiterSweep);
      guard.stop();
      unsubscribe();
    },
  };
}
