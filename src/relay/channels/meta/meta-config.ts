import { z } from 'zod';

/**
 * Messenger/Instagram settings from the environment. Not wired into the relay's config yet: the relay reads
 * it when its channel-neutral storage lands. Every value is optional so a LINE-only relay keeps running;
 * the Meta endpoints answer 503 until the secrets they need are set.
 */
export interface MetaConfig {
  /** Verifies X-Hub-Signature-256 on webhooks (META_APP_SECRET). */
  appSecret: string | null;
  /** Answers the webhook verification GET (META_VERIFY_TOKEN). */
  verifyToken: string | null;
  /** Sends, sender actions and profiles (META_PAGE_ACCESS_TOKEN). Never logged. */
  pageAccessToken: string | null;
  /** META_GRAPH_BASE_URL without a trailing slash; tests point it at the fake. */
  graphBaseUrl: string;
  /** META_GRAPH_VERSION, e.g. v23.0. */
  graphVersion: string;
  /** META_HUMAN_AGENT=1: the app has Meta's Human Agent approval (MESSAGE_TAG + HUMAN_AGENT up to 7 days). */
  humanAgentAllowed: boolean;
}

export const DEFAULT_META_GRAPH_BASE_URL = 'https://graph.facebook.com';
export const DEFAULT_META_GRAPH_VERSION = 'v23.0';

const emptyAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const secret = z.preprocess(emptyAsUndefined, z.string().optional());

const metaEnvSchema = z.object({
  META_APP_SECRET: secret,
  META_VERIFY_TOKEN: secret,
  META_PAGE_ACCESS_TOKEN: secret,
  META_GRAPH_BASE_URL: z.preprocess(
    emptyAsUndefined,
    z.url({ protocol: /^https?$/, message: 'META_GRAPH_BASE_URL must be an http(s) URL' }).default(DEFAULT_META_GRAPH_BASE_URL),
  ),
  META_GRAPH_VERSION: z.preprocess(
    emptyAsUndefined,
    z.string().regex(/^v\d{1,3}\.\d{1,3}$/, 'META_GRAPH_VERSION must look like v23.0').default(DEFAULT_META_GRAPH_VERSION),
  ),
  META_HUMAN_AGENT: z.preprocess(emptyAsUndefined, z.enum(['0', '1'], { message: 'META_HUMAN_AGENT must be 1 or 0' }).default('0')),
});

export class MetaConfigError extends Error {}

/** Reads exactly the META_* variables (pass `process.env`); a bad value is a clear error naming the variable, never its value. */
export function loadMetaConfig(env: Readonly<Record<string, string | undefined>>): MetaConfig {
  const parsed = metaEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new MetaConfigError(`Invalid Meta configuration — ${problems}`);
  }
  const values = parsed.data;
  return {
    appSecret: values.META_APP_SECRET ?? null,
    verifyToken: values.META_VERIFY_TOKEN ?? null,
    pageAccessToken: values.META_PAGE_ACCESS_TOKEN ?? null,
    graphBaseUrl: values.META_GRAPH_BASE_URL.replace(/\/+$/, ''),
    graphVersion: values.META_GRAPH_VERSION,
    humanAgentAllowed: values.META_HUMAN_AGENT === '1',
  };
}
