import { z } from 'zod';
import {
  conversationSummarySchema,
  messageViewSchema,
  sessionSchema,
  syncStatusSchema,
} from './views';
import { outboxItemViewSchema } from './outbox-views';
import { messageSearchHitSchema } from './search-views';

/**
 * The one IPC contract between the renderer and the desktop core.
 * Electron's preload, the main-process handlers, the browser host's WebSocket bridge and the
 * renderer client are all typed from this map; inputs are validated on the core side.
 */

const ok = z.object({ ok: z.literal(true) });
const failure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() });

export const ipcContract = {
  'session:get': { input: z.object({}), output: sessionSchema },
  /** Checks the relay URL and token against the relay before keeping them. */
  'session:signIn': {
    input: z.object({ relayUrl: z.string().trim().min(1), token: z.string().trim().min(1) }),
    output: z.union([ok.extend({ session: sessionSchema }), failure]),
  },
  'session:signInDemo': { input: z.object({}), output: z.union([ok.extend({ session: sessionSchema }), failure]) },
  /** Forgets the token and deletes the local store. */
  'session:signOut': { input: z.object({}), output: ok },

  'inbox:list': {
    input: z.object({
      limit: z.number().int().min(1).max(500).default(100),
      /** Keyset paging: conversations older than this (lastMessageAt, id). */
      before: z.object({ lastMessageAt: z.number().int(), id: z.string() }).nullable().default(null),
    }),
    output: z.object({ conversations: z.array(conversationSummarySchema), total: z.number().int() }),
  },
  'conversation:get': {
    input: z.object({ conversationId: z.string() }),
    output: conversationSummarySchema.nullable(),
  },
  'conversation:messages': {
    input: z.object({
      conversationId: z.string(),
      limit: z.number().int().min(1).max(500).default(200),
      /** Keyset paging towards older messages: messages created before this (createdAt, id). */
      before: z.object({ createdAt: z.number().int(), id: z.string() }).nullable().default(null),
    }),
    output: z.object({ messages: z.array(messageViewSchema), hasMore: z.boolean() }),
  },
  'conversation:markRead': { input: z.object({ conversationId: z.string() }), output: ok },

  /** Queues the reply in the local outbox (works offline) and returns the local message id. */
  'reply:send': {
    input: z.object({ conversationId: z.string(), text: z.string() }),
    output: z.union([ok.extend({ messageId: z.string() }), failure]),
  },

  'sync:status': { input: z.object({}), output: syncStatusSchema },

  /** Full-text search over every message in the local store, newest first (works offline). */
  'search:messages': {
    input: z.object({ query: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ hits: z.array(messageSearchHitSchema) }),
  },

  /** Every change not yet accepted by the relay, oldest first, with its state and last error. */
  'outbox:list': { input: z.object({}), output: z.object({ items: z.array(outboxItemViewSchema) }) },
  /** A waiting item is sent now; a refused one is sent again as a new change (a new id). */
  'outbox:retry': { input: z.object({ id: z.string().min(1) }), output: z.union([ok.extend({ id: z.string() }), failure]) },
} as const;

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export type IpcInput<C extends IpcChannel> = z.input<IpcContract[C]['input']>;
export type IpcOutput<C extends IpcChannel> = z.output<IpcContract[C]['output']>;

/** Core → renderer notifications: something in the local store changed; re-read what you show. */
export const ipcEventSchema = z.object({
  /** 'inbox' | 'sync' | 'session' | `conversation:${id}` */
  scopes: z.array(z.string()),
});
export type IpcEvent = z.infer<typeof ipcEventSchema>;
export const IPC_EVENT_CHANNEL = 'core:changed';

/** The API the renderer uses, whatever carries it (Electron preload or the browser bridge). */
export interface InboxApi {
  invoke<C extends IpcChannel>(channel: C, input: IpcInput<C>): Promise<IpcOutput<C>>;
  /** Returns an unsubscribe function. */
  onChanged(listener: (event: IpcEvent) => void): () => void;
}

export function isIpcChannel(value: unknown): value is IpcChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ipcContract, value);
}
