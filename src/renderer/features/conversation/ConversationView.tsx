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
import { ConversationHeader } from './ConversationHeader';
import { MessageList } from './MessageList';
import { useConversationMessages } from './useConversationMessages';
import { useMessageJump } from './useMessageJump';
import type { JumpTarget } from '../../lib/message-jump';
import { showUnsafeCharacters } from '../../../shared/text/unsafe-characters';
import { channelHasCountedPushes } from '../../../shared/delivery/channel-window';

export function ConversationView({
  conversationId,
  listed,
  connection,
  onMarkedRead,
  jumpTo = null,
}: {
  conversationId: string;
  /** The list's copy, shown at once while conversation:get brings the freshest one. */
  listed: ConversationSummary | null;
  connection: ConnectionState;
  onMarkedRead(conversationId: string): void;
  /** A search hit in this conversation to open at. */
  jumpTo?: JumpTarget | null;
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

  // Opening a conversation reads it; new customer messages arriving while it is open are read too.
  const unread = conversation?.unreadCount ?? 0;
  const markedFor = useRef<string | null>(null);
  useEffect(() => {
    if (markedFor.current === conversationId && unread === 0) return;
    markedFor.current = conversationId;
    onMarkedRead(conversationId);
    void call('conversation:markRead', { conversationId });
  }, [call, conversationId, unread, onMarkedRead]);

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
    <CartDock conversation={conversation} connection={connection}>
      <section className="conversation-view" aria-label={showUnsafeCharacters(conversation.displayName)}>
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
          pushAvailable={channelHasCountedPushes(conversation.channel)}
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
        />
      </section>
    </CartDock>
  );
}
