import { z } from 'zod';

/**
 * What a Graph API call means for the relay, classified from Meta's error body
 * `{error:{message, type, code, error_subcode?, fbtrace_id}}` (the code decides, not the HTTP status, which
 * Meta uses loosely) and from transport failures.
 */
export type MetaRefusalKind =
  /** code 10 + subcode 2018278: outside the allowed messaging window; hold until the customer writes. */
  | 'outside_window'
  /** code 551: the person cannot be messaged now (blocked the page, deactivated, …). */
  | 'person_unavailable'
  /** codes 4 / 32 / 613: rate limited; nothing was sent, a later retry is safe. */
  | 'rate_limited'
  /** code 190: the page access token is invalid or expired; the channel needs a new token. */
  | 'token_invalid'
  /** code 100: a parameter was refused (subcode 2018001: no matching user for this page). */
  | 'invalid_parameter'
  /** Any other definite refusal (4xx). */
  | 'rejected';

/** Meta answered with a definite refusal: nothing was sent. `message` never contains the page token. */
export interface MetaRefusal {
  kind: MetaRefusalKind;
  status: number;
  code: number | null;
  subcode: number | null;
  type: string | null;
  message: string;
  fbtraceId: string | null;
}

/** 5xx, timeout or network error: Meta may or may not have sent it. Never resend automatically (no retry key). */
export interface MetaUnknownOutcome {
  kind: 'unknown_outcome';
  detail: string;
}

export type MetaFailure = MetaRefusal | MetaUnknownOutcome;

export const META_ERROR_CODE = {
  permission: 10,
  outsideWindowSubcode: 2018278,
  personUnavailable: 551,
  rateLimits: [4, 32, 613] as readonly number[],
  tokenInvalid: 190,
  invalidParameter: 100,
  noMatchingUserSubcode: 2018001,
} as const;

export const metaErrorBodySchema = z.object({
  error: z.looseObject({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().int().optional(),
    error_subcode: z.number().int().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

function refusalKind(code: number | null, subcode: number | null): MetaRefusalKind {
  if (code === META_ERROR_CODE.permission && subcode === META_ERROR_CODE.outsideWindowSubcode) return 'outside_window';
  if (code === META_ERROR_CODE.personUnavailable) return 'person_unavailable';
  if (code !== null && META_ERROR_CODE.rateLimits.includes(code)) return 'rate_limited';
  if (code === META_ERROR_CODE.tokenInvalid) return 'token_invalid';
  if (code === META_ERROR_CODE.invalidParameter) return 'invalid_parameter';
  return 'rejected';
}

/** Classifies a non-2xx answer. `redact` removes secrets from anything Meta echoed back. */
export function classifyMetaError(status: number, body: unknown, redact: (text: string) => string): MetaFailure {
  const parsed = metaErrorBodySchema.safeParse(body);
  const error = parsed.success ? parsed.data.error : null;
  const message = redact(error?.message ?? (typeof body === 'string' ? body.slice(0, 200) : JSON.stringify(body ?? null).slice(0, 200)));
  if (status >= 500 || status < 400) return { kind: 'unknown_outcome', detail: `Meta answered ${status}: ${message}` };
  const code = error?.code ?? null;
  const subcode = error?.error_subcode ?? null;
  return {
    kind: refusalKind(code, subcode),
    status,
    code,
    subcode,
    type: error?.type ?? null,
    message,
    fbtraceId: error?.fbtrace_id ?? null,
  };
}
