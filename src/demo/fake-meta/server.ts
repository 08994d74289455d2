import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { receiveRequest, type FakeHttpRequest } from '../fake-http';
import { FAKE_META_ERRORS, type FakeGraphAnswer } from './graph-errors';
import {
  handleMessages,
  handleProfile,
  type FakeMetaChannel,
  type FakeMetaCustomer,
  type FakeMetaProfile,
  type FakeMetaSend,
  type FakeMetaState,
} from './routes';
import { fakeMetaId } from './webhooks';

export interface FakeMetaOptions {
  /** Default 0 (ephemeral). Always bound to 127.0.0.1. */
  port?: number;
  /** The fake's clock for the messaging windows. */
  now?: () => number;
  /** The page access token every call must carry (Bearer header or `access_token` query parameter). */
  pageAccessToken: string;
  /** The Facebook page id (`/{page-id}/messages` works like `/me/messages`). */
  pageId?: string;
}

/** A recorded request, as the fake LINE records them; `status` 0 = the fake never answered (hung or dropped). */
export type FakeMetaRequest = FakeHttpRequest;

export type FakeMetaRoute = 'messages' | 'profile';

export interface FakeMetaCustomerInput {
  channel: FakeMetaChannel;
  /** Default: a fresh 16-digit id. */
  id?: string;
  /** Default: now (the customer just wrote). null = never wrote. */
  lastMessageAt?: number | null;
  profile?: FakeMetaProfile | null;
}

export interface FakeMeta {
  url: string;
  port: number;
  pageId: string;
  readonly requests: FakeMetaRequest[];
  /** Registers a customer (PSID or IGSID) whose last message opened the window at `lastMessageAt`. */
  addCustomer(input: FakeMetaCustomerInput): FakeMetaCustomer;
  /** The customer wrote again (their webhook message's `timestamp`): the windows restart. */
  customerWrote(id: string, at?: number): void;
  setUnavailable(id: string, unavailable: boolean): void;
  /** Sends Meta accepted, in order. */
  sends(): FakeMetaSend[];
  /** Requests to the Send API (messages and sender actions), answered or not. */
  messageRequests(): FakeMetaRequest[];
  /** The next `times` requests to `route` get this answer instead (nothing is sent). */
  failNext(route: FakeMetaRoute, answer: FakeGraphAnswer, times?: number): void;
  /** The next `times` requests to `route` are never answered (the client's timeout decides). */
  hangNext(route: FakeMetaRoute, times?: number): void;
  /** The next `times` requests to `route` have their connection dropped without an answer. */
  dropNext(route: FakeMetaRoute, times?: number): void;
  close(): Promise<void>;
}

type Injection = { kind: 'answer'; answer: FakeGraphAnswer } | { kind: 'hang' } | { kind: 'drop' };

const VERSION = /^v\d+\.\d+$/;

function pageTokenOf(headers: IncomingHttpHeaders, query: URLSearchParams): string | null {
  const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
  return bearer ?? query.get('access_token');
}

/** A real HTTP server speaking the parts of Meta's Graph API the inbox uses, written from the platform facts. */
export async function startFakeMeta(options: FakeMetaOptions): Promise<FakeMeta> {
  const now = options.now ?? Date.now;
  const pageId = options.pageId ?? fakeMetaId();
  const state: FakeMetaState = { now, customers: new Map(), sends: [] };
  const requests: FakeMetaRequest[] = [];
  const injections: Record<FakeMetaRoute, Injection[]> = { messages: [], profile: [] };

  const routeOf = (method: string, segments: string[]): { route: FakeMetaRoute; id: string } | null => {
    if (segments.length < 2 || !VERSION.test(segments[0]!)) return null;
    if (method === 'POST' && segments.length === 3 && segments[2] === 'messages' && (segments[1] === 'me' || segments[1] === pageId)) {
      return { route: 'messages', id: segments[1]! };
    }
    if (method === 'GET' && segments.length === 2) return { route: 'profile', id: decodeURIComponent(segments[1]!) };
    return null;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const { url, method, parsed, record } = await receiveRequest(req, requests, now, 'fake-meta.invalid');
    const answer = ({ status, body }: FakeGraphAnswer) => {
      record(status, body);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };

    const target = routeOf(method, url.pathname.split('/').filter(Boolean));
    if (!target) return answer(FAKE_META_ERRORS.unknownPath(url.pathname));
    const injected = injections[target.route].shift();
    if (injected?.kind === 'hang') return record(0, undefined);
    if (injected?.kind === 'drop') {
      record(0, undefined);
      req.socket.destroy();
      return;
    }
    if (injected) return answer(injected.answer);
    if (pageTokenOf(req.headers, url.searchParams) !== options.pageAccessToken) return answer(FAKE_META_ERRORS.tokenInvalid());
    if (target.route === 'profile') return answer(handleProfile(state, target.id, url.searchParams.get('fields')));
    if (!parsed.ok) return answer(FAKE_META_ERRORS.invalidParameter('The request body is not valid JSON'));
    answer(handleMessages(state, parsed.value));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify(FAKE_META_ERRORS.serverError().body));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const inject = (route: FakeMetaRoute, injection: Injection, times: number) => {
    for (let i = 0; i < times; i += 1) injections[route].push(injection);
  };
  const customer = (id: string) => {
    const found = state.customers.get(id);
    if (!found) throw new Error(`fake Meta: no customer ${id}`);
    return found;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pageId,
    requests,
    addCustomer(input) {
      const added: FakeMetaCustomer = {
        id: input.id ?? fakeMetaId(),
        channel: input.channel,
        lastMessageAt: input.lastMessageAt === undefined ? now() : input.lastMessageAt,
        unavailable: false,
        profile: input.profile ?? null,
      };
      state.customers.set(added.id, added);
      return added;
    },
    customerWrote(id, at = now()) {
      customer(id).lastMessageAt = at;
    },
    setUnavailable(id, unavailable) {
      customer(id).unavailable = unavailable;
    },
    sends: () => [...state.sends],
    messageRequests: () => requests.filter((request) => request.method === 'POST' && request.path.endsWith('/messages')),
    failNext: (route, answerWith, times = 1) => inject(route, { kind: 'answer', answer: answerWith }, times),
    hangNext: (route, times = 1) => inject(route, { kind: 'hang' }, times),
    dropNext: (route, times = 1) => inject(route, { kind: 'drop' }, times),
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
