/**
 * What /healthz says about Messenger/Instagram. Meta answers code 190 when the page access token is invalid or
 * expired (a password change, a removed app, a 60-day token that ran out): every send and profile lookup fails
 * until the operator sets a new META_PAGE_ACCESS_TOKEN, so the relay shows it instead of failing quietly.
 * Kept per relay process; a later accepted call clears it. Holds no secret, only times.
 */
export interface MetaHealthReport {
  /** META_APP_SECRET is set: /webhooks/meta accepts Meta's webhooks. */
  webhookConfigured: boolean;
  /** META_PAGE_ACCESS_TOKEN is set: replies, sender actions and profiles can be sent. */
  sendingConfigured: boolean;
  /** Meta refused the page token (#190) and no call has worked since. */
  needsNewToken: boolean;
  /** When Meta last refused the token (relay clock), or null. */
  tokenRefusedAt: number | null;
}

export interface MetaChannelHealth {
  /** Meta answered 190 for the page token. */
  tokenRefused(): void;
  /** Meta accepted a call made with the page token (or refused it for another reason than the token). */
  tokenWorked(): void;
  report(): MetaHealthReport;
}

export function createMetaChannelHealth(input: { webhookConfigured: boolean; sendingConfigured: boolean; now: () => number }): MetaChannelHealth {
  let tokenRefusedAt: number | null = null;
  return {
    tokenRefused() {
      tokenRefusedAt = input.now();
    },
    tokenWorked() {
      tokenRefusedAt = null;
    },
    report: () => ({
      webhookConfigured: input.webhookConfigured,
      sendingConfigured: input.sendingConfigured,
      needsNewToken: tokenRefusedAt !== null,
      tokenRefusedAt,
    }),
  };
}
