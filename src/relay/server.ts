import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketIoServer } from 'socket.io';
import { createLineMessagingClient, type LineMessagingClient } from './channels/line/messaging-client';
import { lineProfileLookup } from './channels/line/profile-lookup';
import { createProfileRefresher } from './channels/profile-refresher';
import { webchatEventLogOf } from './channels/webchat/event-source';
import { announceWebchat } from './channels/webchat/startup-notice';
import { attachWebchatNamespace } from './channels/webchat/visitor-namespace';
import { createMetaGraphClient } from './channels/meta/graph-client';
import { createMetaChannelHealth } from './channels/meta/meta-health';
import { describeMetaSetup } from './channels/meta/meta-startup';
import { metaProfileLookup } from './channels/meta/profile-lookup';
import { createMetaSender } from './channels/meta/sender';
import { createMetaSenderActions } from './channels/meta/sender-actions';
import type { ProfileLookup } from './channels/profile-refresher';
import { DEFAULT_WEBCHAT_UPLOAD_LIMITS, type RelayConfig } from './config';
import type { BackgroundRole } from './coordination/background-lease';
import type { ShopPushRule } from '../shared/delivery/policy';
import { createChannelSenders } from './delivery/channel-senders';
import { createMutationHandler } from './delivery/mutation-handler';
import { createQuotaPoller } from './delivery/quota-poller';
import { createTypingIndicator } from './delivery/read-and-typing';
import { releaseHeldReplies, type ReplySenderDeps } from './delivery/reply-sender';
import { startUnconfirmedSendSweep } from './delivery/unconfirmed-sends';
import { createInboundQueue } from './http/inbound-queue';
import { guardConnections, httpServerOptions } from './http/connection-guard';
import { createRouter } from './http/router';
import { visitorUploadRateLimits } from './http/webchat-upload-route';
import { startReminderSweep } from './orders/reminder-sweep';
import { autoReplyCandidates, createAutoReplier } from './rules/auto-reply';
import { createWelcomer, welcomeCandidates } from './rules/welcome';
import { createConsoleLogger, type Logger } from './logger';
import type { InboundResult, RelayStore } from './store/relay-store';
import { describeDatabase, openRelayBackend } from './store/open-relay-store';
import { attachAgentNamespace } from './sync/agent-namespace';
import { createRelayMedia } from './media/relay-media';
import { startVisitorUploadSweep } from './media/visitor-upload-sweep';

// Launchers create agent tokens in-process next to startRelay.
export { createAgentToken } from './auth/agent-tokens';
export { loadRelayConfig, type RelayConfig } from './config';

/** Things tests and launchers inject; production uses the defaults. */
export interface RelayRuntimeOptions {
  /** The relay clock (ms since epoch): reply-token freshness, event times. */
  now?: () => number;
  logger?: Logger;
  /** A LINE call slower than this is treated as "outcome unknown". Default: the config's (10 s). */
  lineRequestTimeoutMs?: number;
  /**
   * How often to look for events appended by another relay process sharing the store. Default 1 s. On PostgreSQL
   * they are announced at once (LISTEN/NOTIFY); the poll only covers a lost notification connection.
   */
  pollIntervalMs?: number;
  /** Pause before retrying a push that got no clear answer (× attempt number). Default 1 s. */
  pushRetryDelayMs?: number;
  /** Rules that allow pushes without per-message consent (e.g. payment reminders after 24 h). */
  shopRules?: readonly ShopPushRule[];
  /** Poll LINE's quota at start and every RELAY_QUOTA_POLL_MS. Default true; tests that count events turn it off. */
  quotaPolling?: boolean;
}

export interface RunningRelay {
  /** Base URL for clients, e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  store: RelayStore;
  /** This process's part in the cluster's background work (as /healthz reports it). */
  backgroundRole(): BackgroundRole;
  /** Polls LINE's quota now (also runs on its interval and after every push). */
  pollQuota(): Promise<void>;
  /** Queues the payment reminders due now on the relay clock (also runs every RELAY_REMINDER_SWEEP_MS); resolves with how many. */
  runReminderSweep(): Promise<number>;
  close(): Promise<void>;
}

/** Rate-limited Meta sends: 3 attempts within ~1.5 s (a batch must settle well within the unconfirmed-send sweep's age). */
const META_SEND_RETRY = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 1000, maxTotalMs: 2000 };

function clientHost(host: string): string {
  if (host === '0.0.0.0' || host === '' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startRelay(config: RelayConfig, options: RelayRuntimeOptions = {}): Promise<RunningRelay> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createConsoleLogger();
  const backend = await openRelayBackend(config, { metaHumanAgentAllowed: config.meta.humanAgentAllowed }, logger);
  const { store, lease } = backend;
  const isLeader = () => lease.held();
  const lineRequestTimeoutMs = options.lineRequestTimeoutMs ?? config.line.requestTimeoutMs;

  const client: LineMessagingClient | null = config.line.channelAccessToken
    ? createLineMessagingClient({
        channelAccessToken: config.line.channelAccessToken,
        baseUrl: config.line.apiBaseUrl,
        timeoutMs: lineRequestTimeoutMs,
      })
    : null;
  const metaHealth = createMetaChannelHealth({
    webhookConfigured: config.meta.appSecret !== null,
    sendingConfigured: config.meta.pageAccessToken !== null,
    now,
  });
  // Messenger and Instagram (through the linked page) share one page token and one client.
  const metaClient = config.meta.pageAccessToken
    ? createMetaGraphClient({
        baseUrl: config.meta.graphBaseUrl,
        version: config.meta.graphVersion,
        pageAccessToken: config.meta.pageAccessToken,
        timeoutMs: lineRequestTimeoutMs,
        // Short enough that a batch settles before the unconfirmed-send sweep could call it orphaned.
        retry: META_SEND_RETRY,
      })
    : null;
  const metaActions = metaClient
    ? createMetaSenderActions({
        client: metaClient,
        health: metaHealth,
        now,
        logger,
        targetOf: async (conversationId) => {
          const conversation = await store.getConversation(conversationId);
          if (conversation?.channel !== 'messenger' && conversation?.channel !== 'instagram') return null;
          return { recipientId: conversation.friendId, lastCustomerMessageAt: await store.lastCustomerMessageAt(conversationId) };
        },
      })
    : null;
  const quotaPoller = createQuotaPoller({ store, client, now, logger, intervalMs: config.quota.pollIntervalMs, ...config.quota, periodic: isLeader });
  const senderDeps: ReplySenderDeps = {
    store,
    client,
    senders: createChannelSenders({
      lineClient: client,
      logger,
      now,
      publicBaseUrl: config.media.publicBaseUrl,
      meta: createMetaSender({ client: metaClient, health: metaHealth, logger, publicBaseUrl: config.media.publicBaseUrl }),
    }),
    publicBaseUrl: config.media.publicBaseUrl,
    metaActions,
    now,
    logger,
    rules: options.shopRules ?? [],
    push: { maxAttempts: 3, retryDelayMs: options.pushRetryDelayMs ?? 1000 },
    quota: quotaPoller,
  };
  const lookups: Partial<Record<'line' | 'messenger' | 'instagram', ProfileLookup>> = {};
  if (client) lookups.line = lineProfileLookup(client);
  if (metaClient) {
    lookups.messenger = metaProfileLookup(metaClient, 'messenger', metaHealth);
    lookups.instagram = metaProfileLookup(metaClient, 'instagram', metaHealth);
  }
  const refreshProfile = createProfileRefresher({ store, lookups, now, logger });
  // Content customers send lives beside the database; the download queue lives in it.
  const media = createRelayMedia(config, { store, now, logger, pollMs: options.pollIntervalMs ?? 1000, processId: lease.report().processId });
  const { files: mediaFiles, downloader: mediaDownloader } = media;
  const mutations = createMutationHandler(senderDeps);
  const autoReplier = createAutoReplier(senderDeps);
  const welcome = createWelcomer(senderDeps);
  const typingIndicator = createTypingIndicator(senderDeps);
  // Before serving: replies a crashed predecessor left `sending` are settled, never sent again.
  const unconfirmed = await startUnconfirmedSendSweep({ store, now, logger, lineRequestTimeoutMs, periodic: isLeader });

  // Work started after answering LINE; tracked so close() can let it finish before the store closes.
  const background = new Set<Promise<unknown>>();
  const runInBackground = (label: string, work: () => Promise<unknown>) => {
    const task = work()
      .catch((error: unknown) => logger.error(`${label} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => background.delete(task));
    background.add(task);
  };
  /** After any channel's inbound items are stored: auto-replies, held replies, profile refreshes. */
  const afterInboundStored = (result: InboundResult) => {
    if (result.mediaQueued > 0) mediaDownloader.kick();
    for (const mediaId of result.withdrawnMediaIds) runInBackground(`removing withdrawn media ${mediaId}`, () => mediaFiles.remove(mediaId));
    const candidates = new Map(autoReplyCandidates(result).map((event) => [event.conversationId, event]));
    const follows = new Map(welcomeCandidates(result).map((event) => [event.conversationId, event]));
    for (const conversationId of result.conversationsWithNewWindow) {
      runInBackground(`answering ${conversationId}`, async () => {
        // The shop's welcome or an automatic answer first (it takes any held replies along in the same free reply), then held replies.
        const follow = follows.get(conversationId);
        const candidate = candidates.get(conversationId);
        if (follow) {
          const outcome = await welcome(conversationId, follow);
          if (outcome.kind === 'sent') logger.info(`Welcomed a new friend in ${conversationId}: ${outcome.delivery}`);
        } else if (candidate) {
          const outcome = await autoReplier.answer(conversationId, candidate.payload);
          if (outcome.kind === 'sent') logger.info(`Auto-replied in ${conversationId} with rule "${outcome.ruleId}": ${outcome.delivery}`);
        }
        await releaseHeldReplies(senderDeps, conversationId);
      });
    }
    for (const { channel, profileKey, conversationId } of result.profileCandidates) {
      runInBackground(`${channel} profile refresh for ${profileKey}`, () => refreshProfile(channel, profileKey, conversationId));
    }
  };

  const ingest = createInboundQueue(store, (error) =>
    logger.warn(`Inbound group not committed, storing its bodies one by one: ${error instanceof Error ? error.message : String(error)}`),
  );
  const lineConfigured = config.line.channelSecret !== null && config.line.channelAccessToken !== null;
  const httpServer = createServer(
    httpServerOptions(config.http),
    createRouter({
      store,
      logger,
      lineConfigured,
      lineWebhook: { ingest, channelSecret: config.line.channelSecret, now, logger, afterStored: afterInboundStored },
      metaWebhook: {
        appSecret: config.meta.appSecret,
        verifyToken: config.meta.verifyToken,
        inbound: ingest,
        now,
        logger,
        afterStored: afterInboundStored,
      },
      metaHealth,
      cluster: async () => ({ database: await backend.health(), background: lease.report() }),
      paymentWebhook: { store, secret: config.orders.paymentWebhookSecret, now, logger },
      mediaFiles,
      uploads: { maxBytes: media.uploadLimits, now },
      webchatUploads: {
        allowedOrigins: new Set(config.webchat.allowedOrigins),
        maxBytes: media.uploadLimits,
        rateLimits: visitorUploadRateLimits(config.webchat.uploadLimits ?? DEFAULT_WEBCHAT_UPLOAD_LIMITS),
        maxTotalBytes: config.media.maxTotalBytes,
        now,
      },
    }),
  );
  const connections = guardConnections(httpServer, config.http, logger);
  const io = new SocketIoServer(httpServer, { serveClient: false, cors: { origin: false } });
  const agents = await attachAgentNamespace({
    io,
    store,
    mutations,
    now,
    logger,
    pollIntervalMs: options.pollIntervalMs,
    onAgentTyping: typingIndicator.agentTyping,
    auth: config.agentAuth,
  });
  // The shop's own web chat: visitors' messages go through the same inbound queue as every channel's.
  const webchat = attachWebchatNamespace({
    io,
    store: store.webchat,
    log: webchatEventLogOf(store),
    submit: async (body) => {
      const outcome = await ingest.submit(body);
      if (outcome.ok) afterInboundStored(outcome.result);
      return outcome;
    },
    config: config.webchat,
    now,
    logger,
    pollIntervalMs: options.pollIntervalMs,
  });
  await webchat.ready;
  // The first index build loads the Simplified → Traditional dictionary: do it before customers write.
  const warmUp = setTimeout(() => {
    autoReplier.warmUp().catch((error: unknown) => logger.error(`Rules index not built: ${error instanceof Error ? error.message : String(error)}`));
  }, 0);

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    agents.stop();
    await webchat.stop();
    connections.stop();
    unconfirmed.stop();
    await backend.close();
    throw error;
  }
  const port = (httpServer.address() as AddressInfo).port;
  if (options.quotaPolling !== false) quotaPoller.start();
  await mediaDownloader.start();
  const reminderSweep = startReminderSweep(senderDeps, config.orders.reminderSweepMs, isLeader);
  const uploadSweep = startVisitorUploadSweep({ store, files: mediaFiles, now, logger, periodic: isLeader });
  const url = `http://${clientHost(config.host)}:${port}`;

  logger.info(`Relay ${store.relayId} listening on http://${config.host}:${port} (data: ${describeDatabase(config)}; background work: ${lease.report().role})`);
  if (!config.line.channelSecret) {
    logger.warn('LINE_CHANNEL_SECRET is not set: /webhooks/line answers 503 until it is configured');
  }
  if (!config.line.channelAccessToken) {
    logger.warn('LINE_CHANNEL_ACCESS_TOKEN is not set: replies cannot be sent and profiles are not fetched');
  }
  announceWebchat(config.webchat, logger);
  for (const line of describeMetaSetup(config.meta)) logger[line.level](line.message);

  let closing: Promise<void> | null = null;
  return {
    url,
    port,
    store,
    backgroundRole: () => lease.report(),
    pollQuota: () => quotaPoller.pollNow(),
    runReminderSweep: () => reminderSweep.run(),
    close() {
      closing ??= (async () => {
        clearTimeout(warmUp);
        agents.stop();
        connections.stop();
        unconfirmed.stop();
        await webchat.stop();
        await new Promise<void>((resolve) => {
          io.close(() => resolve());
          httpServer.closeAllConnections();
        });
        await mutations.whenIdle();
        await mediaDownloader.stop();
        await reminderSweep.stop();
        await uploadSweep.stop();
        await typingIndicator.whenIdle();
        await metaActions?.whenIdle();
        await quotaPoller.stop();
        while (background.size > 0) await Promise.allSettled([...background]);
        await backend.close();
      })();
      return closing;
    },
  };
}
