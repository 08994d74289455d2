import { useEffect, useRef, useState } from 'react';
import type { ConnectionState, ConversationSummary } from '../../../shared/ipc';
import { useI18n } from '../../i18n';
import { CartBuilder } from './CartBuilder';
import { CreatedToast } from './CreatedToast';
import { CustomerOrders } from './CustomerOrders';
import { useCartDraft } from './useCartDraft';
import { showUnsafeCharacters } from '../../../shared/text/unsafe-characters';

type Tab = 'cart' | 'orders';

/** The right-side panel: the draft cart of this conversation, or the customer's orders. Esc returns to the composer. */
export function CartPanel({
  conversation,
  connection,
  focusSearch,
  onClose,
  onLeave,
}: {
  conversation: ConversationSummary;
  connection: ConnectionState;
  /** Opened by the agent just now (not remounted by switching conversations): put the caret in the search box. */
  focusSearch: boolean;
  onClose(): void;
  onLeave(): void;
}) {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('cart');
  const [draft, dispatch] = useCartDraft(conversation.id);
  const [created, setCreated] = useState<{ orderId: string; orderNo: string | null } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!created) return;
    const timer = setTimeout(() => setCreated(null), 8_000);
    return () => clearTimeout(timer);
  }, [created]);

  const itemCount = draft.lines.reduce((sum, line) => sum + line.quantity, 0);
  return (
    <aside
      className="cart-panel"
      aria-label={t('cart.panel', { name: showUnsafeCharacters(conversation.displayName) })}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || event.nativeEvent.isComposing) return;
        event.preventDefault();
        onLeave();
      }}
      data-cart-panel
    >
      <header className="cart-panel-header">
        <div className="cart-tabs" role="tablist">
          <button type="button" role="tab" className={`cart-tab${tab === 'cart' ? ' is-active' : ''}`} aria-selected={tab === 'cart'} onClick={() => setTab('cart')}>
            {t('cart.tab.cart')}
            {itemCount > 0 && <span className="cart-tab-count">{itemCount}</span>}
          </button>
          <button type="button" role="tab" className={`cart-tab${tab === 'orders' ? ' is-active' : ''}`} aria-selected={tab === 'orders'} onClick={() => setTab('orders')}>
            {t('cart.tab.orders')}
          </button>
        </div>
        <button type="button" className="icon-button cart-close" onClick={onClose} aria-label={t('cart.close')} title={t('cart.close')}>
          ×
        </button>
      </header>
      {created && <CreatedToast key={created.orderId} orderId={created.orderId} conversationId={conversation.id} orderNo={created.orderNo} />}
      {tab === 'cart' ? (
        <CartBuilder
          conversation={conversation}
          connection={connection}
          draft={draft}
          dispatch={dispatch}
          searchRef={searchRef}
          focusSearch={focusSearch}
          onCreated={(orderId, orderNo) => {
            setCreated({ orderId, orderNo });
            setTab('orders');
          }}
        />
      ) : (
        <div className="cart-scroll">
          <CustomerOrders conversationId={conversation.id} highlightId={created?.orderId ?? null} />
        </div>
      )}
    </aside>
  );
}
