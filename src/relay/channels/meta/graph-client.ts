import { z } from 'zod';
import type { MetaMessaging } from '../../../shared/delivery/meta-window';
import { classifyMetaError, type MetaFailure } from './graph-results';
import type { MetaChannel } from './intake-items';
import { DEFAULT_META_RETRY, realRetryClock, retryWhileRateLimited, type MetaRetryClock, type MetaRetryPolicy } from './retry';

/**
 * A small client for the parts of Meta's Graph API the inbox uses (Send API, sender actions, profiles), for
 * Messenger and for Instagram through a linked page (same endpoint, same page token, IGSID as recipient).
 * The page token goes only in the Authorization header, never in a URL, a log or a result.
 */

export type MetaSendResult = ({ kind: 'sent'; recipientId: string; messageId: string } | MetaFailure) & { attempts: number };
export type MetaActionResult = ({ kind: 'done'; recipientId: string } | MetaFailure) & { attempts: number };

export interface MetaProfile {
  id: string;
  /** "first last" (Messenger) or `name`, else `username` (Instagram); null when Meta gave none. */
  displayName: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Instagram only. */
  username: string | null;
  pictureUrl: string | null;
}
export type MetaProfileResult = { kind: 'profile'; profile: MetaProfile } | MetaFailure;

export type MetaAttachmentType = 'image' | 'video' | 'audio' | 'file';
export type MetaSenderAction = 'mark_seen' | 'typing_on' | 'typing_off';

export type SendTextInput = { recipientId: string; text: string } & MetaMessaging;
export type SendAttachmentInput = { recipientId: string; type: MetaAttachmentType; url: string; isReusable?: boolean } & MetaMessaging;

export interface MetaGraphClient {
  /** Callers check the text first (shared/channels/capabilities.ts `checkText`): the limit depends on the channel. */
  sendText(input: SendTextInput): Promise<MetaSendResult>;
  sendAttachment(input: SendAttachmentInput): Promise<MetaSendResult>;
  senderAction(recipientId: string, action: MetaSenderAction): Promise<MetaActionResult>;
  /** Not retried: a failed profile is cached by the caller, who keeps the id-based name. */
  profile(channel: MetaChannel, id: string): Promise<MetaProfileResult>;
}

export interface MetaGraphClientOptions {
  /** e.g. https://graph.facebook.com (META_GRAPH_BASE_URL). */
  baseUrl: string;
  /** e.g. v23.0 (META_GRAPH_VERSION). */
  version: string;
  pageAccessToken: string;
  /** A call slower than this is an unknown outcome. */
  timeoutMs: number;
  retry?: MetaRetryPolicy;
  clock?: MetaRetryClock;
}

const sendAnswerSchema = z.looseObject({ recipient_id: z.string().min(1), message_id: z.string().min(1) });
const actionAnswerSchema = z.looseObject({ recipient_id: z.string().min(1) });
const profileAnswerSchema = z.looseObject({
  id: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  name: z.string().optional(),
  username: z.string().optional(),
  profile_pic: z.string().optional(),
});

const PROFILE_FIELDS: Record<MetaChannel, string> = {
  messenger: 'first_name,last_name,profile_pic',
  instagram: 'name,username,profile_pic',
};

/** PSIDs and IGSIDs are digits; anything else must not become a path segment. */
const GRAPH_ID = /^[0-9A-Za-z_-]{1,128}$/;

type Answer = { kind: 'answer'; status: number; body: unknown } | MetaFailure;

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? `: ${(cause as { code?: string }).code ?? cause.message}` : '';
  return `${error.message}${causeText}`;
}

export function createMetaGraphClient(options: MetaGraphClientOptions): MetaGraphClient {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/${options.version}`;
  const token = options.pageAccessToken;
  const retry = options.retry ?? DEFAULT_META_RETRY;
  const clock = options.clock ?? realRetryClock;
  // Meta may echo parts of a request in its messages; make sure the token never leaves this module.
  const redact = (text: string) => (token.length > 0 ? text.split(token).join('[redacted]') : text);

  async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Answer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), options.timeoutMs);
    try {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      const parsed = parseJson(await response.text());
      if (response.status >= 200 && response.status < 300) return { kind: 'answer', status: response.status, body: parsed };
      return classifyMetaError(response.status, parsed, redact);
    } catch (error) {
      const detail = controller.signal.aborted ? `Meta did not answer within ${options.timeoutMs} ms` : `no answer from Meta: ${describeFetchError(error)}`;
      return { kind: 'unknown_outcome', detail: redact(detail) };
    } finally {
      clearTimeout(timer);
    }
  }

  const messagingFields = (messaging: MetaMessaging) =>
    messaging.messagingType === 'MESSAGE_TAG' ? { messaging_type: 'MESSAGE_TAG', tag: messaging.tag } : { messaging_type: 'RESPONSE' };

  async function send(body: object): Promise<MetaSendResult> {
    return retryWhileRateLimited(async () => {
      const answer = await call('POST', '/me/messages', body);
      if (answer.kind !== 'answer') return answer;
      const sent = sendAnswerSchema.safeParse(answer.body);
      // Accepted, but without a message id we cannot match the echo: treat as unknown rather than guess.
      if (!sent.success) return { kind: 'unknown_outcome', detail: `Meta answered ${answer.status} without recipient_id/message_id` } as const;
      return { kind: 'sent', recipientId: sent.data.recipient_id, messageId: sent.data.message_id } as const;
    }, retry, clock);
  }

  return {
    sendText: ({ recipientId, text, ...messaging }) =>
      send({ recipient: { id: recipientId }, ...messagingFields(messaging), message: { text } }),

    sendAttachment: ({ recipientId, type, url, isReusable, ...messaging }) =>
      send({
        recipient: { id: recipientId },
        ...messagingFields(messaging),
        message: { attachment: { type, payload: { url, ...(isReusable === undefined ? {} : { is_reusable: isReusable }) } } },
      }),

    senderAction: (recipientId, action) =>
      retryWhileRateLimited(async () => {
        const answer = await call('POST', '/me/messages', { recipient: { id: recipientId }, sender_action: action });
        if (answer.kind !== 'answer') return answer;
        const done = actionAnswerSchema.safeParse(answer.body);
        return { kind: 'done', recipientId: done.success ? done.data.recipient_id : recipientId } as const;
      }, retry, clock),

    async profile(channel, id) {
      if (!GRAPH_ID.test(id)) {
        return { kind: 'invalid_parameter', status: 0, code: null, subcode: null, type: null, message: 'not a Graph id', fbtraceId: null };
      }
      const answer = await call('GET', `/${id}?fields=${PROFILE_FIELDS[channel]}`);
      if (answer.kind !== 'answer') return answer;
      const parsed = profileAnswerSchema.safeParse(answer.body);
      if (!parsed.success) return { kind: 'unknown_outcome', detail: `Meta answered ${answer.status} with an unreadable profile` };
      const p = parsed.data;
      const fullName = personName(p.first_name, p.last_name);
      return {
        kind: 'profile',
        profile: {
          id: p.id ?? id,
          displayName: (channel === 'messenger' ? fullName : (p.name ?? p.username)) || null,
          firstName: p.first_name ?? null,
          lastName: p.last_name ?? null,
          username: p.username ?? null,
          pictureUrl: p.profile_pic ?? null,
        },
      };
    },
  };
}

const HAN = /\p{Script=Han}/u;

/**
 * A Messenger user's name as the shop would write it: Chinese (and Japanese) names family name first, no space
 * (劉 + 雅婷 → 劉雅婷); others "first last".
 */
export function personName(first: string | undefined, last: string | undefined): string {
  const parts = [first, last].filter((part): part is string => part !== undefined && part.trim().length > 0).map((part) => part.trim());
  if (parts.length === 2 && (HAN.test(parts[0]!) || HAN.test(parts[1]!))) return `${parts[1]}${parts[0]}`;
  return parts.join(' ');
}
