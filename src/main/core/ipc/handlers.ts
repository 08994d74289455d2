import type { z } from 'zod';
import type { IpcChannel, IpcContract, IpcOutput } from '../../../shared/ipc/contract';
import type { LocalStoreHandle } from '../store/store-handle';
import { getConversation, listInboxPage, markConversationRead } from '../store/conversations';
import { listMessagesPage } from '../store/messages';
import { getQuota, getServerTimeOffset, getStoredAgent, setOpenConversationId } from '../store/meta';
import { enqueueReply } from '../outbox/enqueue-reply';
import { enqueueMarkRead } from '../outbox/enqueue-mark-read';
import { applyReplyAction, type ReplyActionContext } from '../outbox/reply-actions';
import { savingsReport } from '../reports/savings';
import { savingsCsv } from '../../../shared/billing/savings';
import { listOutboxItems, retryOutboxItem } from '../outbox/outbox-items';
import { getOutboxItem } from '../store/outbox';
import { clearDraft, getDraft, saveDraft } from '../store/drafts';
import { searchMessages } from '../store/search';
import type { SessionManager } from '../session/session-manager';
import { toConversationSummary } from '../views';
import { toMessageViews } from '../store/message-extras';
import type { SuggestionService } from '../suggestions/suggestion-service';
import { getLocalRules } from '../store/rules';
import { saveRulesOnRelay } from './rules-handlers';
import { visibleTagsOf } from '../tags/friend-tags';
import { createTagHandlers } from './tag-handlers';
import { createLearningHandlers } from './suggestion-learning-handlers';
import { createOrderHandlers } from './order-handlers';
import { incomingSince, unreadTotal } from '../store/attention';
import { createWorkflowHandlers } from '../workflow/workflow-handlers';
import { clearMentions, listViewPage, workflowViewOf, type WorkflowRow } from '../workflow/workflow-queries';
import type { MediaCache } from '../media/media-cache';
import { loadMessageMedia } from '../media/media-loader';
import type { OutboxFiles } from '../outbox/outbox-files';
import { enqueueContent } from '../outbox/enqueue-content';

export type ParsedInput<C extends IpcChannel> = z.output<IpcContract[C]['input']>;
export type IpcHandlers = { [C in IpcChannel]: (input: ParsedInput<C>) => Promise<IpcOutput<C>> | IpcOutput<C> };

export interface HandlerContext {
  store: LocalStoreHandle;
  session: SessionManager;
  now: () => number;
  notify: (scopes: string[]) => void;
  suggestions: SuggestionService;
  mediaCache: MediaCache;
  outboxFiles: OutboxFiles;
}

/** One handler per channel of the IPC contract; inputs arrive already validated by the core. */
export function createIpcHandlers(context: HandlerContext): IpcHandlers {
  const db = () => context.store.current();
  const actionContext: ReplyActionContext = {
    db,
    send: (mutation) => context.session.sendMutationNow(mutation),
    kickOutbox: () => context.session.kickOutbox(),
    notify: context.notify,
  };
  // Only leads see every agent's savings; an agent's report counts their own replies.
  const ownRowsOnly = () => {
    const agent = getStoredAgent(db());
    return agent?.role === 'agent' ? agent.name : null;
  };
  const withTags = (row: Parameters<typeof toConversationSummary>[0], offset: number) => ({
    ...toConversationSummary(row, offset),
    tags: visibleTagsOf(db(), row.friend_id).map((tag) => tag.name),
    workflow: workflowViewOf(row as WorkflowRow, offset, context.now()),
  });
  return {
    'session:get': () => context.session.session(),
    'session:signIn': (input) => context.session.signIn(input),
    'session:signInDemo': (input) => context.session.signInDemo(input.role),
    'session:signOut': async () => ({ ok: true as const, ...(await context.session.signOut()) }),
    'attention:incoming': (input) => ({ ...incomingSince(db(), input.after), unreadTotal: unreadTotal(db()) }),
    'store:health': () => {
      const damage = context.store.damaged();
      return damage ? { state: 'damaged' as const, ...damage } : { state: 'ok' as const };
    },
    'store:recover': async () => {
      if (!context.store.damaged()) return { ok: false as const, code: 'NOT_DAMAGED', message: 'The local store is not damaged' };
      return { ok: true as const, recovery: await context.session.recoverStore() };
    },

    'inbox:list': (input) => {
      const page = input.view
        ? listViewPage(db(), { view: input.view, limit: input.limit, filter: input.filter, before: input.before, waitingAfter: input.waitingAfter }, context.now())
        : listInboxPage(db(), { limit: input.limit, before: input.before, filter: input.filter });
      const offset = getServerTimeOffset(db());
      return { conversations: page.rows.map((row) => withTags(row, offset)), total: page.total };
    },
    'conversation:get': (input) => {
      const row = getConversation(db(), input.conversationId);
      return row ? withTags(row, getServerTimeOffset(db())) : null;
    },
    'conversation:messages': (input) => {
      const page = listMessagesPage(db(), input);
      return { messages: toMessageViews(db(), input.conversationId, page.rows), hasMore: page.hasMore };
    },
    'conversation:markRead': (input) => {
      const store = db();
      const queued = store.transaction(() => {
        const hadUnread = (getConversation(store, input.conversationId)?.unread_count ?? 0) > 0;
        markConversationRead(store, input.conversationId);
        // Opening the conversation shows its notes: mentions there are seen.
        clearMentions(store, input.conversationId);
        setOpenConversationId(store, input.conversationId);
        // The customer sees "read" on LINE too (messages arriving while it is open are queued by apply-events).
        return hadUnread && enqueueMarkRead(store, input.conversationId, context.now());
      })();
      context.notify(['inbox', `conversation:${input.conversationId}`]);
      if (queued) context.session.kickOutbox();
      return { ok: true as const };
    },

    'drafts:get': (input) => getDraft(db(), input.conversationId),
    'drafts:save': (input) => {
      saveDraft(db(), input.conversationId, input.text, context.now());
      return { ok: true as const };
    },

    'reply:send': (input) => {
      const store = db();
      // Queued and the composer's saved draft cleared together: a restart never shows a sent reply as a draft.
      const result = store.transaction(() => {
        const queued = enqueueReply(store, input, context.now);
        if (queued.ok) clearDraft(store, input.conversationId);
        return queued;
      })();
      if (result.ok) {
        context.notify(['inbox', 'sync', `conversation:${input.conversationId}`]);
        context.session.kickOutbox();
      }
      return result;
    },

    'reply:cancel': (input) => applyReplyAction(actionContext, 'reply.cancel', input),
    'reply:edit': (input) => applyReplyAction(actionContext, 'reply.edit', input),
    'reply:push': (input) => applyReplyAction(actionContext, 'reply.push', input),

    'quota:get': () => getQuota(db()),
    'report:savings': (input) => savingsReport(db(), { ...input, onlyAgent: ownRowsOnly() }, context.now()),
    'report:savingsCsv': (input) => {
      const report = savingsReport(db(), { ...input, onlyAgent: ownRowsOnly() }, context.now());
      return { filename: `shop-inbox-savings-${report.from}_${report.to}.csv`, csv: savingsCsv(report, input.language) };
    },

    'sync:status': () => context.session.syncStatus(),

    'suggestions:forConversation': (input) => context.suggestions.forConversation(input.conversationId),
    'presence:typing': (input) => {
      context.session.reportPresence(input);
      return { ok: true as const };
    },
    'rules:get': () => {
      const stored = getLocalRules(db());
      return stored ?? { version: 0, rules: [], updatedBy: null, updatedAt: null };
    },
    'rules:save': (input) => saveRulesOnRelay(context.session, input),
    'rules:test': (input) => ({ suggestions: context.suggestions.test(input.text, input.rules) }),
    ...createLearningHandlers({ db, now: context.now, notify: context.notify, kickOutbox: () => context.session.kickOutbox() }),
    ...createTagHandlers({
      db,
      now: context.now,
      notify: context.notify,
      kickOutbox: () => context.session.kickOutbox(),
      relay: context.session.relayAccess(),
    }),
    ...createOrderHandlers({
      db,
      now: context.now,
      notify: context.notify,
      kickOutbox: () => context.session.kickOutbox(),
      session: context.session,
    }),
    ...createWorkflowHandlers({
      db,
      now: context.now,
      notify: context.notify,
      kickOutbox: () => context.session.kickOutbox(),
      session: context.session,
    }),
    'search:messages': (input) => ({ hits: searchMessages(db(), input) }),

    'media:load': (input) =>
      loadMessageMedia(
        { db, cache: context.mediaCache, credentials: () => context.session.relayAccess().credentials(), outboxFiles: context.outboxFiles },
        input,
      ),
    'reply:sendContent': async (input) => {
      const result = await enqueueContent(db, context.outboxFiles, input, context.now);
      if (result.ok) {
        context.notify(['sync', 'inbox', `conversation:${input.conversationId}`]);
        context.session.kickOutbox();
      }
      return result;
    },
    'outbox:list': () => ({ items: listOutboxItems(db()) }),
    'outbox:retry': (input) => {
      const result = retryOutboxItem(db(), input.id, context.now);
      if (result.ok) {
        context.notify(['inbox', 'sync', ...conversationScopeOf(db(), result.id)]);
        context.session.kickOutbox();
      }
      return result;
    },
  };
}

function conversationScopeOf(db: ReturnType<HandlerContext['store']['current']>, outboxId: string): string[] {
  const row = getOutboxItem(db, outboxId);
  return row ? [`conversation:${row.conversation_id}`] : [];
}
