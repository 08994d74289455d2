import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageView } from '../../../shared/ipc';
import { conversationScope } from '../../api/scopes';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { JUMP_PAGE_SIZE, pageUntilLoaded, type MessageKey } from '../../lib/message-jump';
import { mergeMessages } from '../../lib/message-rows';

const PAGE_SIZE = 100;

export interface ConversationMessages {
  messages: MessageView[];
  loading: boolean;
  hasMore: boolean;
  loadingOlder: boolean;
  loadOlder(): void;
  /** Loads older pages until `target` is loaded (with some history above it); false when it is not in the conversation. */
  loadThrough(target: MessageKey): Promise<boolean>;
}

/** The newest page of a conversation, older pages on demand, kept fresh by change events. */
export function useConversationMessages(conversationId: string): ConversationMessages {
  const call = useCall();
  const [messages, setMessages] = useState<MessageView[]>([]);
  const [loading, setLoading] = useState(true);
  const [hasMore, setHasMore] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const loadedRef = useRef(messages);
  loadedRef.current = messages;
  const hasMoreRef = useRef(hasMore);
  hasMoreRef.current = hasMore;
  const olderInFlight = useRef(false);
  const hasOlderPagesLoaded = useRef(false);

  const refreshNewest = useCallback(async () => {
    const page = await call('conversation:messages', { conversationId, limit: PAGE_SIZE, before: null });
    setLoading(false);
    if (!page) return;
    setMessages((loaded) => mergeMessages(loaded, page.messages));
    // Once older pages are loaded, only their own paging knows whether even older ones exist.
    if (!hasOlderPagesLoaded.current) setHasMore(page.hasMore);
  }, [call, conversationId]);

  useEffect(() => {
    setMessages([]);
    setLoading(true);
    setHasMore(false);
    hasOlderPagesLoaded.current = false;
    void refreshNewest();
  }, [refreshNewest]);

  useChanged([conversationScope(conversationId)], () => void refreshNewest());

  const loadOlder = useCallback(async () => {
    const oldest = loadedRef.current[0];
    if (!oldest || olderInFlight.current) return;
    olderInFlight.current = true;
    setLoadingOlder(true);
    try {
      const page = await call('conversation:messages', {
        conversationId,
        limit: PAGE_SIZE,
        before: { createdAt: oldest.createdAt, id: oldest.id },
      });
      if (page) {
        hasOlderPagesLoaded.current = true;
        setMessages((loaded) => mergeMessages(loaded, page.messages));
        setHasMore(page.hasMore);
      }
    } finally {
      olderInFlight.current = false;
      setLoadingOlder(false);
    }
  }, [call, conversationId]);

  const loadThrough = useCallback(
    async (target: MessageKey) => {
      // Holding the older-page slot keeps a scroll-triggered page from racing the jump's pages.
      olderInFlight.current = true;
      setLoadingOlder(true);
      try {
        const result = await pageUntilLoaded({ messages: loadedRef.current, hasMore: hasMoreRef.current }, target, (before) =>
          call('conversation:messages', { conversationId, limit: JUMP_PAGE_SIZE, before }),
        );
        if (result.older.length > 0) {
          hasOlderPagesLoaded.current = true;
          // One merge for all pages: re-sorting the whole list once per page would grow quadratically.
          setMessages((loaded) => mergeMessages(loaded, result.older));
          setHasMore(result.hasMore);
        }
        return result.found;
      } finally {
        olderInFlight.current = false;
        setLoadingOlder(false);
      }
    },
    [call, conversationId],
  );

  const loadOlderNow = useCallback(() => void loadOlder(), [loadOlder]);
  return { messages, loading, hasMore, loadingOlder, loadOlder: loadOlderNow, loadThrough };
}
