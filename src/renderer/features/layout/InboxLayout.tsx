import { useCallback, useMemo, useRef, useState } from 'react';
import type { Session } from '../../../shared/ipc';
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
import { useInboxApi } from '../../api/api-context';
import { useAttention } from '../../desktop/useAttention';
import { useReplyWindowWarnings } from '../../desktop/useReplyWindowWarnings';
import { useDesktopBridge } from '../../desktop/useDesktopBridge';
import { useShortcut } from '../../shortcuts/ShortcutProvider';
import { nextUnanswered } from '../inbox/next-unanswered';
import { DEFAULT_INBOX_VIEW, INBOX_VIEWS, type InboxView } from '../../../shared/workflow/conversation-status';
import { ViewTabs } from '../workflow/ViewTabs';
import { useViewCounts } from '../workflow/useViewCounts';
import { WorkflowProvider } from '../workflow/workflow-context';
import { HeldOverduePill } from '../workflow/HeldOverduePill';
import { TeamView } from '../team/TeamView';
import { useCall } from '../../hooks/useCall';

const VIEW_KEY = 'shop-inbox.view';

/** The view the agent last used (a UI preference); 需回覆 the first time. */
function readView(): InboxView {
  try {
    const stored = window.localStorage.getItem(VIEW_KEY);
    return INBOX_VIEWS.find((view) => view === stored) ?? DEFAULT_INBOX_VIEW;
  } catch {
    return DEFAULT_INBOX_VIEW;
  }
}

type SignedIn = Extract<Session, { state: 'signed_in' }>;

export function InboxLayout({ session, onSignOut }: { session: SignedIn; onSignOut(): void }) {
  return (
    <WorkflowProvider session={session}>
      <InboxScreens session={session} onSignOut={onSignOut} />
    </WorkflowProvider>
  );
}

function InboxScreens({ session, onSignOut }: { session: SignedIn; onSignOut(): void }) {
  const sync = useSyncStatus();
  const call = useCall();
  const [view, setView] = useState<AppView>('inbox');
  const [filter, setFilter] = useState<InboxFilterState>(NO_FILTER);
  const [inboxView, setInboxViewState] = useState<InboxView>(readView);
  const setInboxView = useCallback((next: InboxView) => {
    setInboxViewState(next);
    try {
      window.localStorage.setItem(VIEW_KEY, next);
    } catch {
      // Unavailable storage: the choice lasts for this window.
    }
  }, []);
  const pages = useConversationPages(filter, inboxView);
  const viewCounts = useViewCounts(filter);
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

  const api = useInboxApi();
  const inInbox = !showShortcuts && view === 'inbox';
  const openConversation = useCallback(
    (conversationId: string) => {
      setFilter(NO_FILTER);
      setSelectedId(conversationId);
      setView('inbox');
    },
    [setSelectedId],
  );
  useShortcut('conversation.previous', () => step(-1), inInbox);
  useShortcut('conversation.next', () => step(1), inInbox);
  useShortcut('conversation.nextUnanswered', () => void nextUnanswered(api, selectedId).then((id) => id && openConversation(id)), !showShortcuts);
  useShortcut('search', () => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, inInbox);
  useShortcut('composer.focus', () => document.querySelector<HTMLTextAreaElement>('textarea[data-composer]')?.focus(), inInbox);
  useShortcut('help', () => setShowShortcuts((shown) => !shown));
  useAttention({ openConversationId: view === 'inbox' ? selectedId : null, onOpen: openConversation });
  useReplyWindowWarnings(pages.conversations, view === 'inbox' ? selectedId : null);
  useDesktopBridge();

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
        nav={
          <>
            <AppNav view={view} onChange={setView} isLead={session.role === 'lead'} />
            <HeldOverduePill onOpen={openConversation} />
          </>
        }
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
        <RulesView />
      ) : view === 'team' && session.role === 'lead' ? (
        <TeamView />
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
            filters={
              <>
                <ViewTabs view={inboxView} counts={viewCounts} onChange={setInboxView} />
                <InboxFilterBar filter={filter} onChange={setFilter} />
              </>
            }
            filtered={filter !== NO_FILTER}
            // An inbox with no conversation at all says so, whatever the view.
            emptyText={viewCounts?.all === 0 ? 'inbox.empty' : `views.empty.${inboxView}`}
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
                onOpenConversation={openConversation}
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
