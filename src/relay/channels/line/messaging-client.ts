import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { PushAttemptOutcome } from '../../../shared/delivery/policy';

export interface LineProfile {
  userId: string;
  displayName: string;
  pictureUrl: string | null;
  statusMessage: string | null;
  language: string | null;
}

/** What a reply attempt means for delivery; the relay decides the message state from this alone. */
export type LineReplyOutcome =
  | { kind: 'sent' }
  /** The token was used or expired: the message can wait for the next token. */
  | { kind: 'invalid_token' }
  /** LINE definitely refused the request (4xx): nothing was delivered. */
  | { kind: 'rejected'; status: number; message: string }
  /** 429 (rate limit): not accepted, so trying again with the same token is safe while it lives. */
  | { kind: 'rate_limited'; message: string }
  /** 5xx, timeout or network error: LINE may or may not have delivered it. */
  | { kind: 'ambiguous'; detail: string };

export interface LineQuota {
  type: 'none' | 'limited';
  /** null when `type` is 'none'. */
  limit: number | null;
  used: number;
}

export interface LineMessagingClient {
  /** A free reply with the token: text, image, sticker … message objects (at most 5). */
  replyMessages(replyToken: string, messages: readonly messagingApi.Message[]): Promise<LineReplyOutcome>;
  /** A counted push; `retryKey` (UUID) makes a repeat of an accepted request answer 409 instead of sending twice. */
  pushMessages(to: string, messages: readonly messagingApi.Message[], retryKey: string): Promise<PushAttemptOutcome>;
  /** GET /v2/bot/message/quota and /quota/consumption. */
  getQuota(): Promise<LineQuota>;
  getProfile(userId: string): Promise<LineProfile>;
  /** GET /v2/bot/group/{groupId}/summary: the group's name and picture. */
  getGroupSummary(groupId: string): Promise<{ groupName: string; pictureUrl: string | null }>;
  /** A group's (C…) or room's (R…) member: GET /v2/bot/group|room/{id}/member/{userId}. */
  getMemberProfile(containerId: string, userId: string): Promise<{ displayName: string; pictureUrl: string | null }>;
  /** POST /v2/bot/chat/loading/start: the typing indicator in a one-to-one chat (free). */
  showLoading(chatId: string, loadingSeconds: number): Promise<LineCourtesyOutcome>;
  /** POST /v2/bot/chat/markAsRead with a webhook's markAsReadToken (free). */
  markAsRead(markAsReadToken: string): Promise<LineCourtesyOutcome>;
}

/** Calls whose failure only gets logged (typing indicator, read receipts): nothing depends on them. */
export type LineCourtesyOutcome = { ok: true } | { ok: false; detail: string };

export interface LineMessagingClientOptions {
  channelAccessToken: string;
  baseUrl: string;
  /** The SDK has no timeout of its own; a LINE call slower than this counts as ambiguous. */
  timeoutMs: number;
}

class LineCallTimeout extends Error {}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LineCallTimeout(`LINE did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * LINE's error message with its `details` (which property was wrong and why), so the agent sees what to fix:
 * "The request body has 1 error(s) (messages[0].text: Length must be between 0 and 5000)".
 */
export function lineErrorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; details?: unknown };
    if (typeof parsed.message === 'string') {
      const details = Array.isArray(parsed.details)
        ? parsed.details
            .slice(0, 5)
            .map((detail: { property?: unknown; message?: unknown }) =>
              [typeof detail.property === 'string' ? detail.property : null, typeof detail.message === 'string' ? detail.message : null].filter(Boolean).join(': '),
            )
            .filter((text) => text.length > 0)
        : [];
      const full = details.length > 0 ? `${parsed.message} (${details.join('; ')})` : parsed.message;
      return full.slice(0, 500);
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 200);
}

async function courtesyCall(call: () => Promise<unknown>, timeoutMs: number): Promise<LineCourtesyOutcome> {
  try {
    await withTimeout(call(), timeoutMs);
    return { ok: true };
  } catch (error) {
    if (error instanceof HTTPFetchError) return { ok: false, detail: `LINE answered ${error.status}: ${lineErrorMessage(error.body)}` };
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

export function createLineMessagingClient(options: LineMessagingClientOptions): LineMessagingClient {
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: options.channelAccessToken,
    baseURL: options.baseUrl,
  });

  return {
    async replyMessages(replyToken, messages) {
      try {
        await withTimeout(client.replyMessage({ replyToken, messages: [...messages] }), options.timeoutMs);
        return { kind: 'sent' };
      } catch (error) {
        if (error instanceof HTTPFetchError) {
          const message = lineErrorMessage(error.body);
          if (error.status >= 500) return { kind: 'ambiguous', detail: `LINE answered ${error.status}: ${message}` };
          if (error.status === 400 && /invalid reply token/i.test(message)) return { kind: 'invalid_token' };
          if (error.status === 429) return { kind: 'rate_limited', message };
          return { kind: 'rejected', status: error.status, message };
        }
        const detail = error instanceof Error ? error.message : String(error);
        return { kind: 'ambiguous', detail };
      }
    },

    async pushMessages(to, messages, retryKey) {
      try {
        await withTimeout(client.pushMessage({ to, messages: [...messages] }, retryKey), options.timeoutMs);
        return { kind: 'accepted' };
      } catch (error) {
        if (error instanceof HTTPFetchError) {
          const message = lineErrorMessage(error.body);
          if (error.status >= 500) return { kind: 'ambiguous', detail: `LINE answered ${error.status}: ${message}` };
          if (error.status === 409) return { kind: 'duplicate' };
          // 429 is also LINE's rate limit ("Too many requests"): not accepted, so a retry with the key is safe.
          if (error.status === 429) return /monthly limit/i.test(message) ? { kind: 'monthly_limit' } : { kind: 'ambiguous', detail: message };
          return { kind: 'rejected', status: error.status, message };
        }
        return { kind: 'ambiguous', detail: error instanceof Error ? error.message : String(error) };
      }
    },

    async getQuota() {
      const [quota, consumption] = await Promise.all([
        withTimeout(client.getMessageQuota(), options.timeoutMs),
        withTimeout(client.getMessageQuotaConsumption(), options.timeoutMs),
      ]);
      return {
        type: quota.type === 'none' ? 'none' : 'limited',
        limit: quota.type === 'none' ? null : (quota.value ?? null),
        used: consumption.totalUsage ?? 0,
      };
    },

    showLoading: (chatId, loadingSeconds) =>
      courtesyCall(() => client.showLoadingAnimation({ chatId, loadingSeconds }), options.timeoutMs),

    markAsRead: (markAsReadToken) => courtesyCall(() => client.markMessagesAsReadByToken({ markAsReadToken }), options.timeoutMs),

    async getGroupSummary(groupId) {
      const summary = await withTimeout(client.getGroupSummary(groupId), options.timeoutMs);
      return { groupName: summary.groupName, pictureUrl: summary.pictureUrl ?? null };
    },

    async getMemberProfile(containerId, userId) {
      const profile = await withTimeout(
        containerId.startsWith('R') ? client.getRoomMemberProfile(containerId, userId) : client.getGroupMemberProfile(containerId, userId),
        options.timeoutMs,
      );
      return { displayName: profile.displayName, pictureUrl: profile.pictureUrl ?? null };
    },

    async getProfile(userId) {
      const profile = await withTimeout(client.getProfile(userId), options.timeoutMs);
      return {
        userId: profile.userId,
        displayName: profile.displayName,
        pictureUrl: profile.pictureUrl ?? null,
        statusMessage: profile.statusMessage ?? null,
        language: profile.language ?? null,
      };
    },
  };
}
