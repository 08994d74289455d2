/** Exponential backoff with jitter, shaped like socket.io's own reconnection delay. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** 0.5 → the delay is spread over ±50 % so many clients do not retry in lockstep. */
  jitter: number;
}

export const OUTBOX_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000, jitter: 0.5 };

/** Delay before attempt number `attempt + 1`, given `attempt` ≥ 1 failed attempts so far. */
export function backoffDelayMs(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  const raw = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  const spread = raw * policy.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(policy.maxMs, raw + spread)));
}
