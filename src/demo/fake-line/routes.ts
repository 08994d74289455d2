import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { z } from 'zod';
import {
  lineValidationError,
  markAsReadRequestSchema,
  pushMessageRequestSchema,
  replyMessageRequestSchema,
  showLoadingAnimationRequestSchema,
  uuidSchema,
} from './schemas';
import type { FakeLineContent, FakeLineProfile, FakeLineQuota } from './server';

export const REPLY_TOKEN_LIFETIME_MS = 60_000;
export const RETRY_KEY_MEMORY_MS = 24 * 60 * 60 * 1000;

export interface FakeLineState {
  now: () => number;
  replyTokens: Map<string, { issuedAt: number; used: boolean }>;
  /** markAsReadTokens this channel's webhooks carried (LINE refuses others). */
  markAsReadTokens: Set<string>;
  retryKeys: Map<string, { acceptedAt: number; requestId: string }>;
  profiles: Map<string, FakeLineProfile>;
  /** Content customers "sent", by message id (what the data API serves). */
  contents: Map<string, FakeLineContent>;
  groupSummaries: Map<string, { groupName: string; pictureUrl?: string }>;
  /** `<groupId or roomId>:<userId>` → the member's profile in that group or room. */
  memberProfiles: Map<string, FakeLineProfile>;
  quota: FakeLineQuota;
  totalUsage: number;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A binary answer (the data API's content), written as is; `chunkDelayMs` trickles it in 16 KiB pieces. */
  raw?: { body: Buffer; contentType: string; chunkDelayMs?: number };
}

interface RouteContext {
  body: unknown;
  headers: IncomingHttpHeaders;
  params: Record<string, string>;
}

export interface FakeLineRoute {
  method: 'GET' | 'POST';
  /** The path as written in messaging-api.yml. */
  specPath: string;
  pattern: RegExp;
  handle(context: RouteContext): RouteResult;
}

/** Every endpoint the fake serves; the contract test checks each against the OpenAPI file. */
export const FAKE_LINE_ENDPOINTS: readonly { method: 'GET' | 'POST'; specPath: string }[] = [
  { method: 'POST', specPath: '/v2/bot/message/reply' },
  { method: 'POST', specPath: '/v2/bot/message/push' },
  { method: 'GET', specPath: '/v2/bot/profile/{userId}' },
  { method: 'GET', specPath: '/v2/bot/message/quota' },
  { method: 'GET', specPath: '/v2/bot/message/quota/consumption' },
  { method: 'POST', specPath: '/v2/bot/chat/loading/start' },
  { method: 'POST', specPath: '/v2/bot/chat/markAsRead' },
  { method: 'GET', specPath: '/v2/bot/message/{messageId}/content' },
  { method: 'GET', specPath: '/v2/bot/message/{messageId}/content/preview' },
  { method: 'GET', specPath: '/v2/bot/message/{messageId}/content/transcoding' },
  { method: 'GET', specPath: '/v2/bot/group/{groupId}/summary' },
  { method: 'GET', specPath: '/v2/bot/group/{groupId}/member/{userId}' },
  { method: 'GET', specPath: '/v2/bot/room/{roomId}/member/{userId}' },
];

const NOT_FOUND: RouteResult = { status: 404, body: { message: 'Not found' } };

function memberProfile(state: FakeLineState, container: string | undefined, user: string | undefined): RouteResult {
  const userId = decodeURIComponent(user ?? '');
  const profile = state.memberProfiles.get(`${decodeURIComponent(container ?? '')}:${userId}`);
  if (!profile) return NOT_FOUND;
  return { status: 200, body: { userId, displayName: profile.displayName, ...(profile.pictureUrl ? { pictureUrl: profile.pictureUrl } : {}) } };
}

function patternOf(specPath: string): RegExp {
  const source = specPath.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)');
  return new RegExp(`^${source}$`);
}

function validate<T>(schema: z.ZodType<T>, body: unknown): { ok: true; value: T } | { ok: false; result: RouteResult } {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, result: { status: 400, body: lineValidationError(parsed.error) } };
}

function sentMessages(count: number) {
  return Array.from({ length: count }, () => ({
    id: String(BigInt(`0x${randomBytes(7).toString('hex')}`)),
    quoteToken: randomBytes(24).toString('base64url'),
  }));
}

export function createFakeLineRoutes(state: FakeLineState): FakeLineRoute[] {
  const handlers: Record<string, FakeLineRoute['handle']> = {
    'POST /v2/bot/message/reply': ({ body }) => {
      const request = validate(replyMessageRequestSchema, body);
      if (!request.ok) return request.result;
      const token = state.replyTokens.get(request.value.replyToken);
      if (!token || token.used || state.now() - token.issuedAt >= REPLY_TOKEN_LIFETIME_MS) {
        return { status: 400, body: { message: 'Invalid reply token' } };
      }
      token.used = true;
      return { status: 200, body: { sentMessages: sentMessages(request.value.messages.length) } };
    },

    'POST /v2/bot/message/push': ({ body, headers }) => {
      const request = validate(pushMessageRequestSchema, body);
      if (!request.ok) return request.result;
      const retryKey = headers['x-line-retry-key'];
      if (retryKey !== undefined) {
        if (typeof retryKey !== 'string' || !uuidSchema.safeParse(retryKey).success) {
          return { status: 400, body: { message: 'The value for the X-Line-Retry-Key header is invalid' } };
        }
        const accepted = state.retryKeys.get(retryKey);
        if (accepted && state.now() - accepted.acceptedAt < RETRY_KEY_MEMORY_MS) {
          return {
            status: 409,
            body: { message: 'The retry key is already accepted' },
            headers: { 'x-line-accepted-request-id': accepted.requestId },
          };
        }
      }
      if (state.quota.type === 'limited' && state.totalUsage >= state.quota.value) {
        return { status: 429, body: { message: 'You have reached your monthly limit.' } };
      }
      // A push counts once per recipient, however many message objects it carries.
      state.totalUsage += 1;
      const requestId = randomUUID();
      if (typeof retryKey === 'string') state.retryKeys.set(retryKey, { acceptedAt: state.now(), requestId });
      return {
        status: 200,
        body: { sentMessages: sentMessages(request.value.messages.length) },
        headers: { 'x-line-request-id': requestId },
      };
    },

    'GET /v2/bot/profile/{userId}': ({ params }) => {
      const userId = decodeURIComponent(params.userId ?? '');
      const profile = state.profiles.get(userId);
      if (!profile) return { status: 404, body: { message: 'Not found' } };
      return { status: 200, body: { userId, ...profile } };
    },

    'GET /v2/bot/message/quota': () => ({ status: 200, body: state.quota }),

    'GET /v2/bot/message/quota/consumption': () => ({ status: 200, body: { totalUsage: state.totalUsage } }),

    'POST /v2/bot/chat/loading/start': ({ body }) => {
      const request = validate(showLoadingAnimationRequestSchema, body);
      if (!request.ok) return request.result;
      // Only one-to-one chats: the chat id must be a user id, not a group (C…) or room (R…).
      if (!/^U[0-9a-f]{32}$/.test(request.value.chatId)) return { status: 400, body: { message: 'Invalid chat ID' } };
      return { status: 202, body: {} };
    },

    'GET /v2/bot/message/{messageId}/content': ({ params }) => {
      const content = state.contents.get(decodeURIComponent(params.messageId ?? ''));
      if (!content || content.expired) return NOT_FOUND;
      // LINE serves video and audio only once transcoding succeeded.
      if (content.transcoding && content.transcoding !== 'succeeded') return NOT_FOUND;
      return { status: 200, raw: { body: content.body, contentType: content.contentType, chunkDelayMs: content.chunkDelayMs } };
    },

    'GET /v2/bot/message/{messageId}/content/preview': ({ params }) => {
      const content = state.contents.get(decodeURIComponent(params.messageId ?? ''));
      if (!content?.preview || content.expired) return NOT_FOUND;
      return { status: 200, raw: { body: content.preview, contentType: 'image/png' } };
    },

    'GET /v2/bot/message/{messageId}/content/transcoding': ({ params }) => {
      const content = state.contents.get(decodeURIComponent(params.messageId ?? ''));
      if (!content || content.expired) return NOT_FOUND;
      return { status: 200, body: { status: content.transcoding ?? 'succeeded' } };
    },

    'GET /v2/bot/group/{groupId}/summary': ({ params }) => {
      const groupId = decodeURIComponent(params.groupId ?? '');
      const summary = state.groupSummaries.get(groupId);
      return summary ? { status: 200, body: { groupId, ...summary } } : NOT_FOUND;
    },

    'GET /v2/bot/group/{groupId}/member/{userId}': ({ params }) => memberProfile(state, params.groupId, params.userId),

    'GET /v2/bot/room/{roomId}/member/{userId}': ({ params }) => memberProfile(state, params.roomId, params.userId),

    'POST /v2/bot/chat/markAsRead': ({ body }) => {
      const request = validate(markAsReadRequestSchema, body);
      if (!request.ok) return request.result;
      if (!state.markAsReadTokens.has(request.value.markAsReadToken)) {
        return { status: 400, body: { message: 'Invalid markAsReadToken' } };
      }
      return { status: 200, body: {} };
    },
  };

  return FAKE_LINE_ENDPOINTS.map(({ method, specPath }) => {
    const handle = handlers[`${method} ${specPath}`];
    if (!handle) throw new Error(`No handler for ${method} ${specPath}`);
    return { method, specPath, pattern: patternOf(specPath), handle };
  });
}
