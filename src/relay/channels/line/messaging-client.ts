import { HTTPFetchError, messagingApi } from '@line/bot-sdk';

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
  /** 5xx, timeout or network error: LINE may or may not have delivered it. */
  | { kind: 'ambiguous'; detail: string };

export interface LineMessagingClient {
  replyText(replyToken: string, texts: readonly string[]): Promise<LineReplyOutcome>;
  getProfile(userId: string): Promise<LineProfile>;
}

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

function lineErrorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 200);
}

export function createLineMessagingClient(options: LineMessagingClientOptions): LineMessagingClient {
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: options.channelAccessToken,
    baseURL: options.baseUrl,
  });

  return {
    async replyText(replyToken, texts) {
      try {
        await withTimeout(
          client.replyMessage({ replyToken, messages: texts.map((text) => ({ type: 'text', text })) }),
          options.timeoutMs,
        );
        return { kind: 'sent' };
      } catch (error) {
        if (error instanceof HTTPFetchError) {
          const message = lineErrorMessage(error.body);
          if (error.status >= 500) return { kind: 'ambiguous', detail: `LINE answered ${error.status}: ${message}` };
          if (error.status === 400 && /invalid reply token/i.test(message)) return { kind: 'invalid_token' };
          return { kind: 'rejected', status: error.status, message };
        }
        const detail = error instanceof Error ? error.message : String(error);
        return { kind: 'ambiguous', detail };
      }
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
