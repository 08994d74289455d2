import { z } from 'zod';
import {
  conversationSummarySchema,
  messageDeliverySchema,
  messageViewSchema,
  quotaViewSchema,
  savingsReportSchema,
  sessionSchema,
  syncStatusSchema,
} from './views';
import { conversationSuggestionsSchema, rulesInfoSchema, suggestionViewSchema } from './suggestions';
import { SuggestionRuleSchema } from '../suggestions/rules-schema';
import { inboxFilterSchema, tagIpcContract } from './tag-contract';
import { outboxItemViewSchema } from './outbox-views';
import { messageSearchHitSchema } from './search-views';
import { orderIpcContract } from './order-contract';
import { storeIpcContract } from './store-contract';
import { attentionIpcContract } from './attention-contract';
import { workflowIpcContract } from './workflow-contract';
import { inboxViewSchema } from '../workflow/conversation-status';
import { suggestionLearningIpcContract } from './suggestion-learning-contract';

/**
 * The one IPC contract between the renderer and the desktop core.
 * Electron's preload, the main-process handlers, the browser host's WebSocket bridge and the
 * renderer client are all typed from this map; inputs are validated on the core side.
 */

const ok = z.object({ ok: z.literal(true) });
/** Room for a draft over LINE's 5,000 characters: the composer shows "too long" rather than losing text. */
export const DRAFT_MAX_CHARS = 20_000;
const failure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() });

const replyActionOutput = z.union([ok.extend({ delivery: messageDeliverySchema }), failure]);
const reportInput = z.object({
  /** How many days back from today (the agent's local days). */
  days: z.number().int().min(1).max(366).default(30),
  /** `new Date().getTimezoneOffset()` of the agent's machine: days are the agent's local days. */
  timezoneOffsetMinutes: z.number().int().min(-840).max(840).default(-480),
  /** Language of the CSV header row. */
  language: z.enum(['zh-TW', 'en']).default('zh-TW'),
});

export const ipcContract = {
  'session:get': { input: z.object({}), output: sessionSchema },
  /** Checks the relay URL and token against the relay before keeping them. */
  'session:signIn': {
    input: z.object({ relayUrl: z.string().trim().min(1), token: z.string().trim().min(1) }),
    output: z.union([ok.extend({ session: sessionSchema }), failure]),
  },
  'session:signInDemo': { input: z.object({ role: z.enum(['agent', 'lead']).default('lead') }), output: z.union([ok.extend({ session: sessionSchema }), failure]) },
  /**
   * Forgets the token and deletes the local store. Unsent items are saved to `unsentFile` (JSON in the data
   * folder) first — never dropped silently; null when nothing was waiting.
   */
  'session:signOut': {
    input: z.object({}),
    output: ok.extend({ unsentFile: z.string().nullable(), unsentCount: z.number().int().nonnegative() }),
  },

  'inbox:list': {
    input: z.object({
      limit: z.number().int().min(1).max(500).default(100),
      /** Keyset paging: conversations older than this (lastMessageAt, id). */
      before: z.object({ lastMessageAt: z.number().int(), id: z.string() }).nullable().default(null),
      /** Tag / no-tags / unread filter; `total` then counts the matching conversations. */
      filter: inboxFilterSchema.optional(),
      /** A team-inbox view (需回覆 lists oldest waiting first); omitted: every conversation, newest first. */
      view: inboxViewSchema.optional(),
      /** Keyset paging of the needs_reply view: conversations waiting since after this (waitingSince, id). */
      waitingAfter: z.object({ waitingSince: z.number().int(), id: z.string() }).nullable().default(null),
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
    /** `push`: the agent confirmed "send as a counted push" for this message (used only if no free reply is possible). */
    input: z.object({ conversationId: z.string(), text: z.string(), push: z.boolean().optional(), quoteOf: z.string().max(128).optional() }),
    output: z.union([ok.extend({ messageId: z.string() }), failure]),
  },
  /**
   * Queues a photo or file (its bytes, checked and kept locally until the relay has them; works offline) or a LINE
   * sticker, like a reply. `quoteOf`: the customer message it answers.
   */
  'reply:sendContent': {
    input: z.object({
      conversationId: z.string(),
      content: z.discriminatedUnion('type', [
        z.object({
          type: z.enum(['image', 'file']),
          name: z.string().max(200),
          contentType: z.string().max(200),
          // 25 MB of file as base64.
          dataBase64: z.string().max(35_000_000),
        }),
        z.object({ type: z.literal('sticker'), packageId: z.string().max(12), stickerId: z.string().max(12) }),
      ]),
      quoteOf: z.string().max(128).optional(),
    }),
    output: z.union([ok.extend({ messageId: z.string() }), failure]),
  },
  /** The composer's saved draft for a conversation ('' when none); kept in the local store across restarts. */
  'drafts:get': {
    input: z.object({ conversationId: z.string().min(1) }),
    output: z.object({ text: z.string(), updatedAt: z.number().int().nullable() }),
  },
  /** Saves the draft (an empty text removes it). `reply:send` clears it too. */
  'drafts:save': {
    input: z.object({ conversationId: z.string().min(1), text: z.string().max(DRAFT_MAX_CHARS) }),
    output: ok,
  },
  /** Held/failed message actions; they need the relay (a held message lives there), except for replies still queued here. */
  'reply:cancel': { input: z.object({ messageId: z.string() }), output: replyActionOutput },
  'reply:edit': { input: z.object({ messageId: z.string(), text: z.string() }), output: replyActionOutput },
  'reply:push': { input: z.object({ messageId: z.string() }), output: replyActionOutput },

  'quota:get': { input: z.object({}), output: quotaViewSchema.nullable() },
  /** Free replies vs counted pushes per local day and agent, from the local store (works offline). */
  'report:savings': { input: reportInput, output: savingsReportSchema },
  /** The same report as CSV text (UTF-8 with BOM so Excel shows Chinese correctly). */
  'report:savingsCsv': { input: reportInput, output: z.object({ filename: z.string(), csv: z.string() }) },

  'sync:status': { input: z.object({}), output: syncStatusSchema },

  /** Suggestions for the conversation's latest customer message (none when an answer already follows it). */
  'suggestions:forConversation': { input: z.object({ conversationId: z.string() }), output: conversationSuggestionsSchema },
  /** The agent is typing in a conversation (or stopped): the relay holds back auto-replies there. */
  'presence:typing': {
    input: z.object({ conversationId: z.string().nullable(), typing: z.boolean() }),
    output: ok,
  },
  /** The newest rules this app has (version 0 and no rules before the first sync). */
  'rules:get': { input: z.object({}), output: rulesInfoSchema },
  /** Saves the whole rules file on the relay (needs a connection); CONFLICT when someone saved since baseVersion. */
  'rules:save': {
    input: z.object({ rules: z.array(SuggestionRuleSchema), baseVersion: z.number().int().nonnegative() }),
    output: z.union([ok.extend({ version: z.number().int().positive() }), failure]),
  },
  /** What `text` would match with `rules` (the editor's unsaved draft) or, without them, the saved rules. */
  'rules:test': {
    input: z.object({ text: z.string().max(5000), rules: z.array(SuggestionRuleSchema).optional() }),
    output: z.object({ suggestions: z.array(suggestionViewSchema) }),
  },
  ...tagIpcContract,
  ...orderIpcContract,
  ...storeIpcContract,
  ...attentionIpcContract,
  ...workflowIpcContract,
  ...suggestionLearningIpcContract,
  /** Full-text search over every message in the local store, newest first (works offline). */
  'search:messages': {
    input: z.object({ query: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).default(50) }),
    output: z.object({ hits: z.array(messageSearchHitSchema) }),
  },

  /**
   * A message's content for the window (photo, its preview, a sticker's image, a video, a file), from the app's
   * bounded cache when it was shown before (offline too), else from the relay or the external provider.
   */
  'media:load': {
    input: z.object({ messageId: z.string().min(1).max(200), variant: z.enum(['full', 'preview', 'sticker']) }),
    output: z.union([
      ok.extend({ contentType: z.string(), dataBase64: z.string(), size: z.number().int().nonnegative() }),
      z.object({ ok: z.literal(false), code: z.enum(['NOT_FOUND', 'NOT_READY', 'OFFLINE', 'UNAVAILABLE', 'TOO_LARGE']), message: z.string() }),
    ]),
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
  /** 'inbox' | 'sync' | 'session' | `conversation:${id}` | 'tags' | 'orders' | 'catalog' */
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
