import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import type { ConversationSummary, MessageSearchHit } from '../../../shared/ipc';
import { SkeletonRows } from '../../components/Skeleton';
import { useI18n, type MessageKey } from '../../i18n';
import { MessageSearchResults } from '../search/MessageSearchResults';
import { CONVERSATION_ROW_HEIGHT, ConversationRow } from './ConversationRow';
import { shortcutHint } from '../../shortcuts/ShortcutProvider';

/** Start fetching the next page this many rows before the end, so scrolling rarely waits. */
const PREFETCH_ROWS = 15;

export function ConversationList({
  conversations,
  total,
  loading,
  loadingMore,
  hasMore,
  onLoadMore,
  selectedId,
  onSelect,
  onOpenHit,
  query,
  onQueryChange,
  searchRef,
  filters,
  filtered = false,
  emptyText = 'inbox.empty',
}: {
  conversations: ConversationSummary[];
  total: number;
  loading: boolean;
  loadingMore: boolean;
  hasMore: boolean;
  onLoadMore(): void;
  selectedId: string | null;
  onSelect(id: string): void;
  /** A message search hit was chosen: open its conversation at that message. */
  onOpenHit(hit: MessageSearchHit): void;
  query: string;
  onQueryChange(query: string): void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** Filter controls shown under the search field. */
  filters?: ReactNode;
  /** A filter narrows the list (changes the empty-state message). */
  filtered?: boolean;
  /** What an empty list says without a filter (the team-inbox view's own sentence). */
  emptyText?: MessageKey;
}) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: conversations.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CONVERSATION_ROW_HEIGHT,
    getItemKey: (index) => conversations[index]?.id ?? index,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastVisible = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    // Searching filters loaded rows only, so paging continues underneath while a query is typed.
    if (hasMore && !loadingMore && lastVisible >= conversations.length - PREFETCH_ROWS) onLoadMore();
  }, [lastVisible, conversations.length, hasMore, loadingMore, onLoadMore]);

  const selectedIndex = selectedId ? conversations.findIndex((conversation) => conversation.id === selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <aside className="sidebar">
      <div className="search">
        <svg className="search-icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
          <path d="m13 13 4 4" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
        <input
          ref={searchRef}
          className="search-input"
          type="search"
          placeholder={t('inbox.search')}
          aria-label={t('inbox.search')}
          title={`${t('inbox.search')} (${shortcutHint('search')})`}
          value={query}
          onChange={(event) => onQueryChange(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              onQueryChange('');
              event.currentTarget.blur();
            }
          }}
        />
        {!query && <kbd className="search-kbd">/</kbd>}
      </div>
      {filters}
      <div className="sidebar-meta">{!loading && total > 0 && t('inbox.count', { count: total })}</div>
      {query.trim() !== '' && <MessageSearchResults query={query} onOpen={onOpenHit} />}

      <div className="conversation-scroll" ref={scrollRef}>
        {loading ? (
          <SkeletonRows count={9} variant="conversation" />
        ) : conversations.length === 0 && query.trim() !== '' ? (
          // The message hits above are the answer; a big "not found" here would contradict them.
          <p className="message-search-empty">{t('search.noNames', { query: query.trim() })}</p>
        ) : conversations.length === 0 ? (
          <div className="list-empty">
            <svg viewBox="0 0 48 48" width="48" height="48" aria-hidden="true">
              <rect x="6" y="10" width="36" height="26" rx="8" fill="none" stroke="currentColor" strokeWidth="2.5" />
              <path d="M16 36v6l8-6" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
            </svg>
            <p>{query ? t('inbox.noMatch', { query }) : filtered ? t('filters.empty') : t(emptyText)}</p>
          </div>
        ) : (
          <div className="virtual-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const conversation = conversations[item.index]!;
              return (
                <div key={item.key} className="virtual-row" style={{ transform: `translateY(${item.start}px)`, height: item.size }}>
                  <ConversationRow conversation={conversation} selected={conversation.id === selectedId} onSelect={onSelect} />
                </div>
              );
            })}
          </div>
        )}
        {loadingMore && <div className="list-more">{t('inbox.loadingMore')}</div>}
      </div>
    </aside>
  );
}
