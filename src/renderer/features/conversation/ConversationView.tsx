import { CHANNEL_EVENT_KIND } from '../../../shared/ipc/views';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConnectionState, ConversationSummary, SuggestionView } from '../../../shared/ipc';
import { conversationScope } from '../../api/scopes';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { useI18n } from '../../i18n';
import { useQuota } from '../../hooks/useQuota';
import { pushPriceNtd } from '../../lib/quota';
import { SuggestionBar } from '../suggestions/SuggestionBar';
import { useSuggestions } from '../suggestions/useSuggestions';
import { CartDock } from '../cart/CartDock';
import { Composer, type ComposerInsertion } from './Composer';
import { HeldTray } from './HeldTray';
import { BlockedNotice } from './system-line/BlockedNotice';
import { AttachmentBar } from './attachments/AttachmentBar';
import { QuoteBar } from './attachments/QuoteBar';
import { QuoteContext } from './attachments/quote-context';
import { readFileToSend, type FileToSend } from './attachments/file-to-send';
import type { MessageView } from '../../../shared/ipc/views';
import { ConversationHeader } from './ConversationHeader';
import { MessageList } from './MessageList';
import { useConversationMessages } from './useConversationMessages';
import { useMessageJump } from './useMessageJump';
import type { JumpTarget } from '../../lib/message-jump';
import { showUnsafeCharacters } from '../../../shared/text/unsafe-characters';
import { channelHasCountedPushes } from '../../../shared/delivery/channel-window';
import { useWindowFocused } from '../../hooks/useWindowFocused';
import { CustomerDock } from '../workflow/CustomerDock';
import { ComposerTabs } from '../workflow/ComposerTabs';
import { useConversationShortcuts } from '../workflow/useConversationShortcuts';
import { GroupProvider } from '../groups/group-context';

export function ConversationView({
  conversationId,
  listed,
  connection,
  onMarkedRead,
  jumpTo = null,
  onOpenConversation,
}: {
  conversationId: string;
  /** The list's copy, shown at once while conversation:get brings the freshest one. */
  listed: ConversationSummary | null;
  connection: ConnectionState;
  onMarkedRead(conversationId: string): void;
  /** A search hit in this conversation to open at. */
  jumpTo?: JumpTarget | null;
  /** Opens another conversation (the customer panel's other conversations). */
  onOpenConversation?: (conversationId: string) => void;
}) {
  const call = useCall();
  const { t } = useI18n();
  const [conversation, setConversation] = useState<ConversationSummary | null>(listed);
  const [missing, setMissing] = useState(false);
  const messages = useConversationMessages(conversationId);
  const jump = useMessageJump(messages, jumpTo);
  const quota = useQuota();
  const suggestions = useSuggestions(conversationId);
  const [insertion, setInsertion] = useState<ComposerInsertion | null>(null);
  const [composerMode, setComposerMode] = useState<'reply' | 'note'>('reply');
  useConversationShortcuts(conversation, () => setComposerMode((mode) => (mode === 'reply' ? 'note' : 'reply')));
  // A customer message the next reply quotes, and a dropped or pasted file waiting for the agent's OK.
  const [quoting, setQuoting] = useState<MessageView | null>(null);
  const [pendingFile, setPendingFile] = useState<FileToSend | null>(null);
  const clearQuote = useCallback(() => setQuoting(null), []);
  useEffect(() => {
    setQuoting(null);
    setPendingFile(null);
  }, [conversationId]);
  const takeFile = useCallback((file: File | null | undefined) => {
    if (file) void readFileToSend(file).then(setPendingFile);
  }, []);
  const suggestedFor = suggestions?.messageId ?? null;
  const insert = useCallback(
    (chosen: SuggestionView) =>
      setInsertion((previous) => ({
        text: chosen.reply,
        nonce: (previous?.nonce ?? 0) + 1,
        suggestion: suggestedFor === null ? undefined : { ruleId: chosen.ruleId, messageId: suggestedFor, reply: chosen.reply },
      })),
    [suggestedFor],
  );
  // Only for the message on screen: the core may answer for a message the list has not loaded yet.
  const latest = messages.messages.findLast((message) => message.kind !== CHANNEL_EVENT_KIND);
  const shownSuggestions =
    suggestions && latest && suggestions.messageId === latest.id && latest.direction === 'in' ? suggestions.suggestions : [];

  const refresh = useCallback(async () => {
    const fresh = await call('conversation:get', { conversationId });
    if (fresh === undefined) return;
    setMissing(fresh === null);
    if (fresh) setConversation(fresh);
  }, [call, conversationId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useChanged([conversationScope(conversationId), 'inbox'], () => void refresh());

  // Opening a conversation reads it; new customer messages arriving while it is open are read too — once the
  // agent is looking (a message arriving while the window is in the background stays unread and notifies).
  const unread = conversation?.unreadCount ?? 0;
  const markedFor = useRef<string | null>(null);
  const focused = useWindowFocused();
  useEffect(() => {
    if (!focused || (markedFor.current === conversationId && unread === 0)) return;
    markedFor.current = conversationId;
    onMarkedRead(conversationId);
    void call('conversation:markRead', { conversationId });
  }, [call, conversationId, unread, onMarkedRead, focused]);

  if (missing) {
    return (
      <section className="conversation-view conversation-missing">
        <p>{t('conversation.notFound')}</p>
      </section>
    );
  }
  if (!conversation) {
    return <section className="conversation-view" aria-busy="true" />;
  }
  return (
    <GroupProvider conversation={conversation}>
    <CartDock conversation={conversation} connection={connection}>
      <CustomerDock conversation={conversation} onOpenConversation={onOpenConversation}>
      <section
        className="conversation-view"
        aria-label={showUnsafeCharacters(conversation.displayName)}
        // A screenshot pasted or a file dropped anywhere in the conversation is offered for sending.
        onPaste={(event) => {
          const file = [...event.clipboardData.files].find((candidate) => candidate.size > 0);
          if (file) {
            event.preventDefault();
            takeFile(file);
          }
        }}
        onDragOver={(event) => {
          if (event.dataTransfer.types.includes('Files')) event.preventDefault();
        }}
        onDrop={(event) => {
          if (event.dataTransfer.files.length === 0) return;
          event.preventDefault();
          takeFile(event.dataTransfer.files[0]);
        }}
      >
        <QuoteContext.Provider value={setQuoting}>
        <ConversationHeader conversation={conversation} />
        <MessageList
          messages={messages.messages}
          loading={messages.loading}
          hasMore={messages.hasMore}
          loadingOlder={messages.loadingOlder}
          onLoadOlder={messages.loadOlder}
          jump={jump}
        />
        <SuggestionBar suggestions={shownSuggestions} conversationId={conversationId} messageId={suggestedFor} onInsert={insert} />
        <HeldTray
          messages={messages.messages}
          pushPriceNtd={pushPriceNtd(quota)}
          pushBlocked={quota?.blocked ?? false}
          pushAvailable={channelHasCountedPushes(conversation.channel) && !conversation.blocked}
        />
        {conversation.blocked && <BlockedNotice />}
        {quoting && <QuoteBar message={quoting} onCancel={clearQuote} />}
        <ComposerTabs
          conversationId={conversationId}
          mode={composerMode}
          onModeChange={setComposerMode}
          reply={
            <>
              <AttachmentBar
                conversationId={conversationId}
                channel={conversation.channel}
                pending={pendingFile}
                onPending={setPendingFile}
                quoteOf={quoting?.id ?? null}
                onQuoteSent={clearQuote}
              />
              <Composer
                key={conversationId}
                conversationId={conversationId}
                channel={conversation.channel}
                replyWindow={conversation.replyWindow}
                connection={connection}
                pushPriceNtd={pushPriceNtd(quota)}
                pushBlocked={quota?.blocked ?? false}
                insertion={insertion}
                quoteOf={quoting?.id ?? null}
                onQuoteSent={clearQuote}
                unreachable={conversation.blocked}
              />
            </>
          }
        />
        </QuoteContext.Provider>
      </section>
      </CustomerDock>
    </CartDock>
    </GroupProvider>
  );
}
