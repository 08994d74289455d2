/**
 * Bounded retries for Graph API calls that Meta refused with a rate limit (codes 4/32/613). Only those are
 * retried: a rate-limited request was not carried out, so repeating it cannot send twice. Everything else,
 * above all an unknown outcome, is returned at once (Meta has no retry key to make a resend safe).
 */
export interface MetaRetryPolicy {
  /** Including the first attempt. */
  maxAttempts: number;
  /** Wait before the 2nd attempt; doubled for each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No retry starts later than this after the first attempt began (a reply should not arrive hours late). */
  maxTotalMs: number;
}

export const DEFAULT_META_RETRY: MetaRetryPolicy = { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 30_000, maxTotalMs: 60_000 };

export interface MetaRetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realRetryClock: MetaRetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export function retryDelayMs(policy: MetaRetryPolicy, failedAttempts: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempts - 1));
}

/** Runs `attempt` until it is not rate limited, the attempts run out or the time budget would be exceeded. */
export async function retryWhileRateLimited<T extends { kind: string }>(
  attempt: () => Promise<T>,
  policy: MetaRetryPolicy,
  clock: MetaRetryClock,
): Promise<T & { attempts: number }> {
  const startedAt = clock.now();
  for (let attempts = 1; ; attempts += 1) {
    const result = await attempt();
    if (result.kind !== 'rate_limited' || attempts >= policy.maxAttempts) return { ...result, attempts };
    const delay = retryDelayMs(policy, attempts);
    if (clock.now() + delay - startedAt > policy.maxTotalMs) return { ...result, attempts };
    await clock.sleep(delay);
  }
}
