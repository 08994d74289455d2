import { z } from 'zod';
import { pricePlansSchema, TAIWAN_2023_PLANS } from '../shared/billing/plans';
import type { PricePlan } from '../shared/protocol';
import { loadMetaConfig, MetaConfigError, type MetaConfig } from './channels/meta/meta-config';
import { parsePostgresUrl, PostgresUrlError, type PostgresTarget } from './store/postgres/pg-url';

const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const envSchema = z.object({
  RELAY_PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_PORT must be a whole number').min(0).max(65535, 'RELAY_PORT must be 0–65535').default(8787),
  ),
  // 0.0.0.0 by default: LINE's servers must be able to reach the webhook.
  RELAY_HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  RELAY_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./.data/relay')),
  // postgres://… selects PostgreSQL (any number of relay processes); unset = SQLite in RELAY_DATA_DIR.
  RELAY_DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().optional()),
  RELAY_DATABASE_POOL_SIZE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_DATABASE_POOL_SIZE must be a whole number').min(1).max(200, 'RELAY_DATABASE_POOL_SIZE must be 1–200').default(10),
  ),
  // How long a relay holds the cluster's background work without renewing (PostgreSQL); a killed holder's work is
  // taken over after at most this.
  RELAY_BACKGROUND_LEASE_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_BACKGROUND_LEASE_MS must be a whole number').min(1000).max(600_000, 'RELAY_BACKGROUND_LEASE_MS must be 1000–600000').default(15_000),
  ),
  LINE_CHANNEL_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
  LINE_CHANNEL_ACCESS_TOKEN: z.preprocess(emptyAsUndefined, z.string().optional()),
  // A LINE call slower than this counts as "outcome unknown"; it also bounds how long a reply may stay `sending`.
  RELAY_LINE_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_LINE_TIMEOUT_MS must be a whole number').min(100).max(120_000, 'RELAY_LINE_TIMEOUT_MS must be 100–120000').default(10_000),
  ),
  LINE_API_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ message: 'LINE_API_BASE_URL must be an http(s) URL' }).default('https://api.line.me'),
  ),
  // LINE's data API (content customers send: photos, videos, voice messages, files).
  LINE_DATA_API_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ message: 'LINE_DATA_API_BASE_URL must be an http(s) URL' }).default('https://api-data.line.me'),
  ),
  // Content the relay keeps: per file and for the whole shop, and how long one download may take.
  RELAY_MEDIA_MAX_FILE_BYTES: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_MEDIA_MAX_FILE_BYTES must be a whole number').min(1024, 'RELAY_MEDIA_MAX_FILE_BYTES must be at least 1024').default(50 * 1024 * 1024),
  ),
  RELAY_MEDIA_MAX_TOTAL_BYTES: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_MEDIA_MAX_TOTAL_BYTES must be a whole number').min(1024, 'RELAY_MEDIA_MAX_TOTAL_BYTES must be at least 1024').default(10 * 1024 ** 3),
  ),
  RELAY_MEDIA_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_MEDIA_TIMEOUT_MS must be a whole number').min(500).max(600_000, 'RELAY_MEDIA_TIMEOUT_MS must be 500–600000').default(60_000),
  ),
  // The relay's public https address: LINE and Meta fetch the photos and files agents send from here.
  RELAY_PUBLIC_URL: z.preprocess(
    emptyAsUndefined,
    z
      .url({ message: 'RELAY_PUBLIC_URL must be an https URL' })
      .refine((url) => url.startsWith('https://'), 'RELAY_PUBLIC_URL must be an https URL (LINE and Meta fetch only https)')
      .optional(),
  ),
  // How often LINE's quota and consumption are polled (also right after every push).
  RELAY_QUOTA_POLL_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_QUOTA_POLL_MS must be a whole number').min(1000, 'RELAY_QUOTA_POLL_MS must be at least 1000').default(300_000),
  ),
  // The shop's plan id (light | medium | heavy by default); unset = inferred from LINE's quota limit.
  RELAY_PLAN: z.preprocess(emptyAsUndefined, z.string().optional()),
  // A JSON array of plans replacing the Taiwan 2023 defaults.
  RELAY_PLANS_JSON: z.preprocess(emptyAsUndefined, z.string().optional()),
  // How often due payment reminders are queued (relay clock).
  RELAY_REMINDER_SWEEP_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_REMINDER_SWEEP_MS must be a whole number').min(1000, 'RELAY_REMINDER_SWEEP_MS must be at least 1000').default(30_000),
  ),
  // Slow clients: webhooks (LINE, Meta) send small bodies at once and want an answer within ~2 s.
  RELAY_HEADERS_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_HEADERS_TIMEOUT_MS must be a whole number').min(100).max(120_000, 'RELAY_HEADERS_TIMEOUT_MS must be 100–120000').default(5_000),
  ),
  RELAY_REQUEST_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_REQUEST_TIMEOUT_MS must be a whole number').min(100).max(300_000, 'RELAY_REQUEST_TIMEOUT_MS must be 100–300000').default(10_000),
  ),
  RELAY_KEEP_ALIVE_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_KEEP_ALIVE_TIMEOUT_MS must be a whole number').min(100).max(120_000, 'RELAY_KEEP_ALIVE_TIMEOUT_MS must be 100–120000').default(5_000),
  ),
  // Open connections (agents' websockets included); beyond them new connections are closed at once.
  RELAY_MAX_CONNECTIONS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_MAX_CONNECTIONS must be a whole number').min(1, 'RELAY_MAX_CONNECTIONS must be at least 1').default(800),
  ),
  // Per source address; 0 = no per-address cap (behind a reverse proxy every connection has the proxy's address).
  RELAY_MAX_CONNECTIONS_PER_IP: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_MAX_CONNECTIONS_PER_IP must be a whole number').min(0, 'RELAY_MAX_CONNECTIONS_PER_IP must be 0 or more').default(100),
  ),
  // How often each relay re-reads the tokens of its open agent sockets (a revoked token is cut off within this).
  RELAY_TOKEN_CHECK_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_TOKEN_CHECK_MS must be a whole number').min(100).max(60_000, 'RELAY_TOKEN_CHECK_MS must be 100–60000').default(1000),
  ),
  // Failed agent handshakes from one address within the window, after which its handshakes are refused unchecked.
  RELAY_AUTH_FAILURE_LIMIT: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_AUTH_FAILURE_LIMIT must be a whole number').min(1).max(100_000, 'RELAY_AUTH_FAILURE_LIMIT must be 1–100000').default(20),
  ),
  RELAY_AUTH_FAILURE_WINDOW_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int('RELAY_AUTH_FAILURE_WINDOW_MS must be a whole number')
      .min(1000, 'RELAY_AUTH_FAILURE_WINDOW_MS must be at least 1000')
      .max(86_400_000, 'RELAY_AUTH_FAILURE_WINDOW_MS must be at most 86400000')
      .default(60_000),
  ),
  // Shared secret of the payment provider's signed notifications (POST /webhooks/payment answers 503 without it).
  PAYMENT_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().optional()),
  // The shop's sites allowed to open the web chat (comma-separated origins); unset = web chat off.
  WEBCHAT_ALLOWED_ORIGINS: z.preprocess(emptyAsUndefined, z.string().optional()),
  // Shared with the shop's server, which signs its customers' ids (setUser hash); unset = identify refused.
  WEBCHAT_IDENTITY_SECRET: z.preprocess(
    emptyAsUndefined,
    z.string().min(16, 'WEBCHAT_IDENTITY_SECRET must have at least 16 characters').optional(),
  ),
  // Web chat rate limits, per minute: visitor connections per address, messages per visitor and per address.
  WEBCHAT_CONNECTS_PER_IP_PER_MINUTE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('WEBCHAT_CONNECTS_PER_IP_PER_MINUTE must be a whole number').min(1).max(100_000).default(60),
  ),
  WEBCHAT_MESSAGES_PER_VISITOR_PER_MINUTE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('WEBCHAT_MESSAGES_PER_VISITOR_PER_MINUTE must be a whole number').min(1).max(100_000).default(20),
  ),
  WEBCHAT_MESSAGES_PER_IP_PER_MINUTE: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('WEBCHAT_MESSAGES_PER_IP_PER_MINUTE must be a whole number').min(1).max(100_000).default(120),
  ),
  WEBCHAT_UPLOADS_PER_VISITOR_PER_HOUR: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('WEBCHAT_UPLOADS_PER_VISITOR_PER_HOUR must be a whole number').min(1).max(100_000).default(20),
  ),
  WEBCHAT_UPLOADS_PER_IP_PER_HOUR: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('WEBCHAT_UPLOADS_PER_IP_PER_HOUR must be a whole number').min(1).max(100_000).default(100),
  ),
});

export interface RelayConfig {
  port: number;
  host: string;
  /** SQLite's folder (also used by `migrate-to` as the source). */
  dataDir: string;
  /** Where the relay's store lives: SQLite in dataDir, or PostgreSQL shared by any number of relay processes. */
  database: RelayDatabaseConfig;
  /** Background work (quota polls, reminder sweep, unconfirmed sends): lease length across relay processes. */
  background: { leaseMs: number };
  line: {
    /** Null: the relay runs, but /webhooks/line answers 503 until it is set. */
    channelSecret: string | null;
    channelAccessToken: string | null;
    apiBaseUrl: string;
    /** LINE's data API (content downloads). */
    dataApiBaseUrl: string;
    /** A LINE call slower than this is treated as "outcome unknown". */
    requestTimeoutMs: number;
  };
  quota: {
    pollIntervalMs: number;
    planId: string | null;
    plans: readonly PricePlan[];
  };
  http: {
    /** Whole request head, from the connection's start. */
    headersTimeoutMs: number;
    /** Whole request (head + body); never applies to upgraded websockets or to a response being awaited. */
    requestTimeoutMs: number;
    /** Idle time between requests on a kept-alive connection. */
    keepAliveTimeoutMs: number;
    maxConnections: number;
    /** 0 = no per-address cap. */
    maxConnectionsPerIp: number;
  };
  /** Agent socket authentication: how often open sockets' tokens are re-read, and the failed-handshake cap. */
  agentAuth: {
    tokenCheckIntervalMs: number;
    handshake: { maxFailures: number; windowMs: number };
  };
  orders: {
    reminderSweepMs: number;
    /** Null: POST /webhooks/payment answers 503 until it is set. */
    paymentWebhookSecret: string | null;
  };
  webchat: WebchatConfig;
  /**
   * Content customers send: kept beside the database (`<dataDir>/media`). `publicBaseUrl`: RELAY_PUBLIC_URL, where
   * platforms fetch what agents send (null: photos and files cannot be sent).
   */
  media: { maxFileBytes: number; maxTotalBytes: number; downloadTimeoutMs: number; publicBaseUrl: string | null };
  /** Messenger and Instagram (META_*): /webhooks/meta answers 503 while `appSecret` is null. */
  meta: MetaConfig;
}

export type RelayDatabaseConfig = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; target: PostgresTarget; poolSize: number };

export interface WebchatConfig {
  /** Origins (`https://shop.example`) whose pages may open a visitor socket; empty = web chat off. */
  allowedOrigins: readonly string[];
  /** Null: identify is refused (no customer can be linked). */
  identitySecret: string | null;
  limits: WebchatRateLimits;
  /** Absent: DEFAULT_WEBCHAT_UPLOAD_LIMITS. */
  uploadLimits?: WebchatUploadLimits;
}

/** Counted per minute, per relay process. */
export interface WebchatRateLimits {
  connectsPerIp: number;
  messagesPerVisitor: number;
  messagesPerIp: number;
}

/** Visitors' photos and files per hour, counted in the store (every relay process shares the count). */
export interface WebchatUploadLimits {
  perVisitorPerHour: number;
  perIpPerHour: number;
}
/** The defaults of WEBCHAT_UPLOADS_PER_VISITOR_PER_HOUR and WEBCHAT_UPLOADS_PER_IP_PER_HOUR. */
export const DEFAULT_WEBCHAT_UPLOAD_LIMITS: WebchatUploadLimits = { perVisitorPerHour: 20, perIpPerHour: 100 };

/**
 * `https://shop.example, http://localhost:3000` → origins as browsers send them (lower-case host, no default port);
 * anything with a path, `*` or no http(s) scheme is refused.
 */
function parseAllowedOrigins(value: string | undefined): string[] {
  if (value === undefined) return [];
  const origins: string[] = [];
  for (const entry of value.split(',').map((part) => part.trim()).filter((part) => part !== '')) {
    let url: URL | null = null;
    try {
      url = new URL(entry);
    } catch {
      url = null;
    }
    const onlyOrigin = url !== null && url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '' && url.password === '';
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !onlyOrigin || /^[a-z]+:\/\/[^/]*\/./i.test(entry)) {
      throw new RelayConfigError(
        `Invalid relay configuration — WEBCHAT_ALLOWED_ORIGINS: "${entry.slice(0, 200)}" is not an origin like https://shop.example (scheme, host and port only)`,
      );
    }
    if (!origins.includes(url.origin)) origins.push(url.origin);
  }
  return origins;
}

function parsePlans(json: string | undefined): readonly PricePlan[] {
  if (json === undefined) return TAIWAN_2023_PLANS;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new RelayConfigError('Invalid relay configuration — RELAY_PLANS_JSON: not valid JSON');
  }
  const plans = pricePlansSchema.safeParse(raw);
  if (!plans.success) {
    const problems = plans.error.issues.map((issue) => `[${issue.path.join('.')}] ${issue.message}`).join('; ');
    throw new RelayConfigError(`Invalid relay configuration — RELAY_PLANS_JSON: ${problems}`);
  }
  return plans.data;
}

export class RelayConfigError extends Error {}

/** Reads and validates the relay's settings from environment variables (pass `process.env`). */
export function loadRelayConfig(env: Record<string, string | undefined>): RelayConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new RelayConfigError(`Invalid relay configuration — ${problems}`);
  }
  const values = parsed.data;
  const plans = parsePlans(values.RELAY_PLANS_JSON);
  if (values.RELAY_PLAN !== undefined && !plans.some((plan) => plan.id === values.RELAY_PLAN)) {
    throw new RelayConfigError(
      `Invalid relay configuration — RELAY_PLAN: "${values.RELAY_PLAN}" is not one of ${plans.map((plan) => plan.id).join(', ')}`,
    );
  }
  if (values.RELAY_HEADERS_TIMEOUT_MS > values.RELAY_REQUEST_TIMEOUT_MS) {
    throw new RelayConfigError('Invalid relay configuration — RELAY_HEADERS_TIMEOUT_MS must not exceed RELAY_REQUEST_TIMEOUT_MS');
  }
  let database: RelayDatabaseConfig = { kind: 'sqlite', dataDir: values.RELAY_DATA_DIR };
  if (values.RELAY_DATABASE_URL !== undefined) {
    try {
      database = { kind: 'postgres', target: parsePostgresUrl(values.RELAY_DATABASE_URL), poolSize: values.RELAY_DATABASE_POOL_SIZE };
    } catch (error) {
      if (error instanceof PostgresUrlError) throw new RelayConfigError(`Invalid relay configuration — ${error.message}`);
      throw error;
    }
  }
  let meta: MetaConfig;
  try {
    meta = loadMetaConfig(env);
  } catch (error) {
    if (error instanceof MetaConfigError) throw new RelayConfigError(error.message.replace('Invalid Meta configuration', 'Invalid relay configuration'));
    throw error;
  }
  return {
    port: values.RELAY_PORT,
    host: values.RELAY_HOST,
    dataDir: values.RELAY_DATA_DIR,
    database,
    background: { leaseMs: values.RELAY_BACKGROUND_LEASE_MS },
    line: {
      channelSecret: values.LINE_CHANNEL_SECRET ?? null,
      channelAccessToken: values.LINE_CHANNEL_ACCESS_TOKEN ?? null,
      apiBaseUrl: values.LINE_API_BASE_URL.replace(/\/+$/, ''),
      dataApiBaseUrl: values.LINE_DATA_API_BASE_URL.replace(/\/+$/, ''),
      requestTimeoutMs: values.RELAY_LINE_TIMEOUT_MS,
    },
    quota: { pollIntervalMs: values.RELAY_QUOTA_POLL_MS, planId: values.RELAY_PLAN ?? null, plans },
    http: {
      headersTimeoutMs: values.RELAY_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: values.RELAY_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: values.RELAY_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: values.RELAY_MAX_CONNECTIONS,
      maxConnectionsPerIp: values.RELAY_MAX_CONNECTIONS_PER_IP,
    },
    agentAuth: {
      tokenCheckIntervalMs: values.RELAY_TOKEN_CHECK_MS,
      handshake: { maxFailures: values.RELAY_AUTH_FAILURE_LIMIT, windowMs: values.RELAY_AUTH_FAILURE_WINDOW_MS },
    },
    orders: { reminderSweepMs: values.RELAY_REMINDER_SWEEP_MS, paymentWebhookSecret: values.PAYMENT_WEBHOOK_SECRET ?? null },
    webchat: {
      allowedOrigins: parseAllowedOrigins(values.WEBCHAT_ALLOWED_ORIGINS),
      identitySecret: values.WEBCHAT_IDENTITY_SECRET ?? null,
      limits: {
        connectsPerIp: values.WEBCHAT_CONNECTS_PER_IP_PER_MINUTE,
        messagesPerVisitor: values.WEBCHAT_MESSAGES_PER_VISITOR_PER_MINUTE,
        messagesPerIp: values.WEBCHAT_MESSAGES_PER_IP_PER_MINUTE,
      },
      uploadLimits: { perVisitorPerHour: values.WEBCHAT_UPLOADS_PER_VISITOR_PER_HOUR, perIpPerHour: values.WEBCHAT_UPLOADS_PER_IP_PER_HOUR },
    },
    media: {
      maxFileBytes: values.RELAY_MEDIA_MAX_FILE_BYTES,
      maxTotalBytes: values.RELAY_MEDIA_MAX_TOTAL_BYTES,
      downloadTimeoutMs: values.RELAY_MEDIA_TIMEOUT_MS,
      publicBaseUrl: values.RELAY_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    },
    meta,
  };
}
