import type { z } from 'zod';
import type { IpcChannel, IpcContract, IpcOutput } from '../../../shared/ipc/contract';
import type { LocalStoreHandle } from '../store/store-handle';
import { getConversation, listInboxPage, markConversationRead } from '../store/conversations';
import { listMessagesPage } from '../store/messages';
import { getServerTimeOffset, setOpenConversationId } from '../store/meta';
import { enqueueReply } from '../outbox/enqueue-reply';
import { listOutboxItems, retryOutboxItem } from '../outbox/outbox-items';
import { getOutboxItem } from '../store/outbox';
import { searchMessages } from '../store/search';
import type { SessionManager } from '../session/session-manager';
import { toConversationSummary, toMessageView } from '../views';

export type ParsedInput<C extends IpcChannel> = z.output<IpcContract[C]['input']>;
export type IpcHandlers = { [C in IpcChannel]: (input: ParsedInput<C>) => Promise<IpcOutput<C>> | IpcOutput<C> };

export interface HandlerContext {
  store: LocalStoreHandle;
  session: SessionManager;
  now: () => number;
  notify: (scopes: string[]) => void;
}

/** One handler per channel of the IPC contract; inputs arrive already validated by the core. */
export function createIpcHandlers(context: HandlerContext): IpcHandlers {
  const db = () => context.store.current();
  return {
    'session:get': () => context.session.session(),
    'session:signIn': (input) => context.session.signIn(input),
    'session:signInDemo': () => context.session.signInDemo(),
    'session:signOut': async () => {
      await context.session.signOut();
      return { ok: true as const };
    },

    'inbox:list': (input) => {
      const page = listInboxPage(db(), { limit: input.limit, before: input.before });
      const offset = getServerTimeOffset(db());
      return { conversations: page.rows.map((row) => toConversationSummary(row, offset)), total: page.total };
    },
    'conversation:get': (input) => {
      const row = getConversation(db(), input.conversationId);
      return row ? toConversationSummary(row, getServerTimeOffset(db())) : null;
    },
    'conversation:messages': (input) => {
      const page = listMessagesPage(db(), input);
      return { messages: page.rows.map(toMessageView), hasMore: page.hasMore };
    },
    'conversation:markRead': (input) => {
      const store = db();
      store.transaction(() => {
        markConversationRead(store, input.conversationId);
        setOpenConversationId(store, input.conversationId);
      })();
      context.notify(['inbox', `conversation:${input.conversationId}`]);
      return { ok: true as const };
    },

    'reply:send': (input) => {
      const result = enqueueReply(db(), input, context.now);
      if (result.ok) {
        context.notify(['inbox', 'sync', `conversation:${input.conversationId}`]);
        context.session.kickOutbox();
      }
      return result;
    },

    'sync:status': () => context.session.syncStatus(),

    'search:messages': (input) => ({ hits: searchMessages(db(), input) }),

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
