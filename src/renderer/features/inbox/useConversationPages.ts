import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConversationSummary, InboxFilter } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import type { InboxView } from '../../../shared/workflow/conversation-status';
import { mergeConversationHead, nextPageCursor, nextWaitingCursor } from './conversation-paging';

const PAGE_SIZE = 100;
/** inbox:list's largest page; a refresh re-reads at most this many from the top. */
const MAX_PAGE = 500;

export interface ConversationPages {
  conversations: ConversationSummary[];
  total: number;
  loading: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  loadMore(): void;
  /** Locally reflects a read conversation before the core confirms it. */
  markReadLocally(conversationId: string): void;
}

/**
 * `filter` (tag / no tags / unread) narrows the list and its total; pass a stable object. `view` is a team-inbox
 * view (Needs reply pages oldest waiting first); omitted, every conversation newest first.
 */
export function useConversationPages(filter?: InboxFilter, view?: InboxView): ConversationPages {
  const call = useCall();
  const [conversations, setConversations] = useState<ConversationSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const loadedRef = useRef(conversations);
  loadedRef.current = conversations;
  const loadingMoreRef = useRef(false);

  const refresh = useCallback(async () => {
    const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, loadedRef.current.length));
    const page = await call('inbox:list', { limit, before: null, filter, ...(view ? { view } : {}) });
    setLoading(false);
    if (!page) return;
    const isWholeList = page.conversations.length < limit || page.conversations.length >= page.total;
    setConversations((loaded) => mergeConversationHead(loaded, page.conversations, isWholeList, view));
    setTotal(page.total);
  }, [call, filter, view]);

  const loadMore = useCallback(async () => {
    if (loadingMoreRef.current) return;
    const byWaiting = view === 'needs_reply';
    const before = byWaiting ? null : nextPageCursor(loadedRef.current);
    const waitingAfter = byWaiting ? nextWaitingCursor(loadedRef.current) : null;
    if (!before && !waitingAfter) return;
    loadingMoreRef.current = true;
    setLoadingMore(true);
    try {
      const page = await call('inbox:list', { limit: PAGE_SIZE, before, waitingAfter, filter, ...(view ? { view } : {}) });
      if (page) {
        setConversations((loaded) => mergeConversationHead(loaded, page.conversations, false, view));
        setTotal(page.total);
      }
    } finally {
      loadingMoreRef.current = false;
      setLoadingMore(false);
    }
  }, [call, filter, view]);

  useEffect(() => {
    // A new filter is a new list: drop rows of the previous one instead of merging into them.
    loadedRef.current = [];
    setConversations([]);
    setLoading(true);
    void refresh();
  }, [refresh]);
  useChanged(['inbox', 'tags'], () => void refresh());

  const markReadLocally = useCallback((conversationId: string) => {
    setConversations((loaded) =>
      loaded.map((conversation) => (conversation.id === conversationId && conversation.unreadCount > 0 ? { ...conversation, unreadCount: 0 } : conversation)),
    );
  }, []);

  const loadMoreNow = useCallback(() => void loadMore(), [loadMore]);

  return {
    conversations,
    total,
    loading,
    loadingMore,
    hasMore: conversations.length < total,
    loadMore: loadMoreNow,
    markReadLocally,
  };
}
