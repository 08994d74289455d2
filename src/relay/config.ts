import { z } from 'zod';

const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const envSchema = z.object({
  RELAY_PORT: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int('RELAY_PORT must be a whole number').min(0).max(65535, 'RELAY_PORT must be 0–65535').default(8787),
  ),
  // 0.0.0.0 by default: LINE's servers must be able to reach the webhook.
  RELAY_HOST: z.preprocess(emptyAsUndefined, z.string().default('0.0.0.0')),
  RELAY_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./.data/relay')),
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
});

export interface RelayConfig {
  port: number;
  host: string;
  dataDir: string;
  line: {
    /** Null: the relay runs, but /webhooks/line answers 503 until it is set. */
    channelSecret: string | null;
    channelAccessToken: string | null;
    apiBaseUrl: string;
    /** A LINE call slower than this is treated as "outcome unknown". */
    requestTimeoutMs: number;
  };
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
  return {
    port: values.RELAY_PORT,
    host: values.RELAY_HOST,
    dataDir: values.RELAY_DATA_DIR,
    line: {
      channelSecret: values.LINE_CHANNEL_SECRET ?? null,
      channelAccessToken: values.LINE_CHANNEL_ACCESS_TOKEN ?? null,
      apiBaseUrl: values.LINE_API_BASE_URL.replace(/\/+$/, ''),
      requestTimeoutMs: values.RELAY_LINE_TIMEOUT_MS,
    },
  };
}
