import { useCallback, useMemo, useRef, useState } from 'react';
import type { Session } from '../../../shared/ipc';
import { useShortcuts } from '../../hooks/useShortcuts';
import { useSyncStatus } from '../../hooks/useSyncStatus';
import { ConversationView } from '../conversation/ConversationView';
import { NoConversation } from '../conversation/NoConversation';
import { ConversationList } from '../inbox/ConversationList';
import { filterByName } from '../inbox/conversation-paging';
import { useConversationPages } from '../inbox/useConversationPages';
import { LeadWorkspace } from '../lead/LeadWorkspace';
import { OrdersView, type CustomerFilter } from '../orders/OrdersView';
import { useOrdersShortcut } from '../orders/useOrdersShortcut';
import { ReportsView } from '../reports/ReportsView';
import { RulesView } from '../rules/RulesView';
import { InboxFilterBar, NO_FILTER, type InboxFilterState } from '../tags/InboxFilterBar';
import { AppNav, type AppView } from './AppNav';
import { ShortcutOverlay } from './ShortcutOverlay';
import { TopBar } from './TopBar';
import { useConversationSelection } from './useConversationSelection';

type SignedIn = Extract<Session, { state: 'signed_in' }>;

export function InboxLayout({ session, onSignOut }: { session: SignedIn; onSignOut(): void }) {
  const sync = useSyncStatus();
  const [view, setView] = useState<AppView>('inbox');
  const [filter, setFilter] = useState<InboxFilterState>(NO_FILTER);
  const pages = useConversationPages(filter);
  const [query, setQuery] = useState('');
  const { selectedId, select: setSelectedId, openHit, jump } = useConversationSelection();
  const [showShortcuts, setShowShortcuts] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const [orderCustomer, setOrderCustomer] = useState<CustomerFilter | null>(null);

  const visible = useMemo(() => filterByName(pages.conversations, query), [pages.conversations, query]);
  const selected = useMemo(
    () => pages.conversations.find((conversation) => conversation.id === selectedId) ?? null,
    [pages.conversations, selectedId],
  );

  const step = useCallback(
    (delta: 1 | -1) => {
      if (visible.length === 0) return;
      const index = visible.findIndex((conversation) => conversation.id === selectedId);
      const nextIndex = index < 0 ? (delta === 1 ? 0 : visible.length - 1) : Math.min(visible.length - 1, Math.max(0, index + delta));
      setSelectedId(visible[nextIndex]!.id);
    },
    [visible, selectedId],
  );

  useShortcuts(
    {
      previous: () => step(-1),
      next: () => step(1),
      search: () => {
        searchRef.current?.focus();
        searchRef.current?.select();
      },
      help: () => setShowShortcuts((shown) => !shown),
    },
    !showShortcuts && view === 'inbox',
  );

  useOrdersShortcut((scope) => {
    setOrderCustomer(scope === 'customer' && view === 'inbox' && selected ? { conversationId: selected.id, name: selected.displayName } : null);
    setView('orders');
  });

  return (
    <div className="inbox-layout">
      <TopBar
        session={session}
        sync={sync}
        onShowShortcuts={() => setShowShortcuts(true)}
        onSignOut={onSignOut}
        nav={<AppNav view={view} onChange={setView} isLead={session.role === 'lead'} />}
      />
      {view === 'orders' ? (
        <OrdersView
          customer={orderCustomer}
          onCustomerChange={setOrderCustomer}
          onOpenConversation={(conversationId) => {
            setFilter(NO_FILTER);
            setSelectedId(conversationId);
            setView('inbox');
          }}
        />
      ) : view === 'reports' ? (
        <ReportsView />
      ) : view === 'rules' ? (
        <RulesView isLead={session.role === 'lead'} />
      ) : view === 'lead' && session.role === 'lead' ? (
        <LeadWorkspace
          onOpenConversation={(conversationId) => {
            setFilter(NO_FILTER);
            setSelectedId(conversationId);
            setView('inbox');
          }}
        />
      ) : (
        <div className="inbox-body">
          <ConversationList
            conversations={visible}
            total={pages.total}
            loading={pages.loading}
            loadingMore={pages.loadingMore}
            hasMore={pages.hasMore}
            onLoadMore={pages.loadMore}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onOpenHit={(hit) => openHit(hit, query)}
            query={query}
            onQueryChange={setQuery}
            searchRef={searchRef}
            filters={<InboxFilterBar filter={filter} onChange={setFilter} />}
            filtered={filter !== NO_FILTER}
          />
          <main className="conversation-pane">
            {selectedId ? (
              <ConversationView
                key={selectedId}
                conversationId={selectedId}
                listed={selected}
                connection={sync?.connection ?? 'connecting'}
                onMarkedRead={pages.markReadLocally}
                jumpTo={jump}
              />
            ) : (
              <NoConversation />
            )}
          </main>
        </div>
      )}
      {showShortcuts && <ShortcutOverlay onClose={() => setShowShortcuts(false)} />}
    </div>
  );
}
