import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { receiveRequest, type FakeHttpRequest } from '../fake-http';
import { createFakeLineRoutes, type FakeLineState, type RouteResult } from './routes';

export interface FakeLineOptions {
  /** Default 0 (ephemeral). Always bound to 127.0.0.1. */
  port?: number;
  /** The fake's clock: reply-token lifetime (60 s) and retry-key memory (24 h). */
  now?: () => number;
  /** When set, requests must carry exactly this Bearer token; otherwise any Bearer token is accepted. */
  channelAccessToken?: string;
}

export type FakeLineRequest = FakeHttpRequest;

export interface FakeLineProfile {
  displayName: string;
  pictureUrl?: string;
  statusMessage?: string;
  language?: string;
}

export type FakeLineQuota = { type: 'none' } | { type: 'limited'; value: number };

/** Content a customer sent, as LINE's data API keeps it for the bot. */
export interface FakeLineContent {
  body: Buffer;
  /** What LINE's Content-Type header says (the relay must not trust it). */
  contentType: string;
  /** The preview image (images and videos). */
  preview?: Buffer;
  /** Video and audio: the transcoding status; the content is served only once it is `succeeded`. */
  transcoding?: 'processing' | 'succeeded' | 'failed';
  /** LINE no longer keeps it: every data API call answers 404. */
  expired?: boolean;
  /** Trickle the body (16 KiB every this many ms), to interrupt a download midway. */
  chunkDelayMs?: number;
}

export interface FakeLine {
  url: string;
  port: number;
  /** Every request received, in order (recorded when answered). */
  readonly requests: FakeLineRequest[];
  /** The fake's clock (LINE's time): webhook events it "sends" carry this as their timestamp. */
  now(): number;
  /** Registers a single-use reply token valid for 60 s of the fake's clock. */
  issueReplyToken(): string;
  /** Registers a markAsReadToken, as if LINE had put it in a message webhook. */
  issueMarkAsReadToken(): string;
  setProfile(userId: string, profile: FakeLineProfile): void;
  /** Content of message `messageId` for the data API (content, preview, transcoding); change it by setting it again. */
  setContent(messageId: string, content: FakeLineContent): void;
  setGroupSummary(groupId: string, summary: { groupName: string; pictureUrl?: string }): void;
  /** A member's profile in a group (C…) or room (R…). */
  setMemberProfile(containerId: string, userId: string, profile: FakeLineProfile): void;
  /** GET requests for message content (full, preview or transcoding). */
  contentRequests(): FakeLineRequest[];
  /** Requests to POST /v2/bot/message/reply (successful or not: check `status`). */
  replies(): FakeLineRequest[];
  /** Requests to POST /v2/bot/message/push (successful or not: check `status`). */
  pushes(): FakeLineRequest[];
  /** Requests to POST /v2/bot/chat/loading/start (the typing indicator). */
  loadingStarts(): FakeLineRequest[];
  /** Requests to POST /v2/bot/chat/markAsRead. */
  markAsReadCalls(): FakeLineRequest[];
  setQuota(quota: FakeLineQuota): void;
  /** Pushes counted this month (what /quota/consumption reports). */
  totalUsage(): number;
  /**
   * The next request to `path` gets this answer instead of the normal one (nothing else happens).
   * status 0 = the connection is dropped without an answer (a network failure).
   */
  failNext(path: string, status: number, body?: unknown): void;
  close(): Promise<void>;
}

/** A real HTTP server speaking the parts of the LINE Messaging API the product uses. */
export async function startFakeLine(options: FakeLineOptions = {}): Promise<FakeLine> {
  const now = options.now ?? Date.now;
  const state: FakeLineState = {
    now,
    replyTokens: new Map(),
    markAsReadTokens: new Set(),
    retryKeys: new Map(),
    profiles: new Map(),
    contents: new Map(),
    groupSummaries: new Map(),
    memberProfiles: new Map(),
    quota: { type: 'limited', value: 200 },
    totalUsage: 0,
  };
  const routes = createFakeLineRoutes(state);
  const requests: FakeLineRequest[] = [];
  const failures = new Map<string, { status: number; body: unknown }[]>();

  const isAuthorized = (headers: IncomingHttpHeaders): boolean => {
    const match = /^Bearer (.+)$/.exec(headers.authorization ?? '');
    if (!match?.[1]) return false;
    return options.channelAccessToken === undefined || match[1] === options.channelAccessToken;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const { url, method, parsed, record } = await receiveRequest(req, requests, now, 'fake-line.invalid');
    const answer = (result: RouteResult) => {
      record(result.status, result.raw ? `<${result.raw.body.length} bytes>` : result.body);
      if (result.raw) return writeRaw(res, result.raw);
      const payload = result.body === undefined ? '' : JSON.stringify(result.body);
      res.writeHead(result.status, {
        'content-type': 'application/json',
        'x-line-request-id': randomUUID(),
        ...result.headers,
      });
      res.end(payload);
    };

    const injected = failures.get(url.pathname)?.shift();
    if (injected) {
      if (injected.status === 0) {
        record(0, undefined);
        req.socket.destroy();
        return;
      }
      return answer({ status: injected.status, body: injected.body ?? { message: 'Injected failure' } });
    }
    const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(url.pathname));
    if (!route) return answer({ status: 404, body: { message: 'Not found' } });
    if (!isAuthorized(req.headers)) {
      return answer({
        status: 401,
        body: { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' },
      });
    }
    if (!parsed.ok) return answer({ status: 400, body: { message: 'The request body could not be parsed as JSON' } });
    const params = route.pattern.exec(url.pathname)?.groups ?? {};
    answer(route.handle({ body: parsed.value, headers: req.headers, params }));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Fake LINE internal error' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const byPath = (path: string) => requests.filter((request) => request.method === 'POST' && request.path === path);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    now,
    issueReplyToken() {
      const token = randomBytes(16).toString('hex');
      state.replyTokens.set(token, { issuedAt: now(), used: false });
      return token;
    },
    issueMarkAsReadToken() {
      const token = randomBytes(24).toString('base64url');
      state.markAsReadTokens.add(token);
      return token;
    },
    setProfile(userId, profile) {
      state.profiles.set(userId, profile);
    },
    setContent(messageId, content) {
      state.contents.set(messageId, content);
    },
    setGroupSummary(groupId, summary) {
      state.groupSummaries.set(groupId, summary);
    },
    setMemberProfile(containerId, userId, profile) {
      state.memberProfiles.set(`${containerId}:${userId}`, profile);
    },
    contentRequests: () => requests.filter((request) => request.method === 'GET' && /^\/v2\/bot\/message\/[^/]+\/content/.test(request.path)),
    replies: () => byPath('/v2/bot/message/reply'),
    pushes: () => byPath('/v2/bot/message/push'),
    loadingStarts: () => byPath('/v2/bot/chat/loading/start'),
    markAsReadCalls: () => byPath('/v2/bot/chat/markAsRead'),
    setQuota(quota) {
      state.quota = quota;
    },
    totalUsage: () => state.totalUsage,
    failNext(path, status, body) {
      const queue = failures.get(path) ?? [];
      queue.push({ status, body });
      failures.set(path, queue);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Writes a binary answer, at once or in 16 KiB pieces `chunkDelayMs` apart (a slow download to interrupt). */
function writeRaw(res: ServerResponse, raw: NonNullable<RouteResult['raw']>): void {
  res.writeHead(200, { 'content-type': raw.contentType, 'content-length': String(raw.body.length), 'x-line-request-id': randomUUID() });
  if (!raw.chunkDelayMs) {
    res.end(raw.body);
    return;
  }
  let offset = 0;
  const next = () => {
    if (res.destroyed) return;
    const piece = raw.body.subarray(offset, offset + 16 * 1024);
    offset += piece.length;
    if (offset >= raw.body.length) res.end(piece);
    else res.write(piece, () => setTimeout(next, raw.chunkDelayMs));
  };
  next();
}
