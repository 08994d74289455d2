import { useState, type RefObject } from 'react';
import type { Product } from '../../../shared/catalog/catalog-schema';
import type { ConnectionState, ConversationSummary } from '../../../shared/ipc';
import { useToasts } from '../../components/Toasts';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { buildCart, canAddLine, draftTotals, type BuiltCart, type CartAction, type CartDraft } from './cart-draft';
import { CartLines } from './CartLines';
import { CartTotalsView } from './CartTotalsView';
import { CreateOrderBar } from './CreateOrderBar';
import { DiscountSection } from './DiscountSection';
import { ProductSearchBox } from './ProductSearchBox';
import { ShippingSection } from './ShippingSection';
import { createOptions, type SummaryDelivery } from './summary-delivery';
import { useCatalogSearch } from '../catalog/useCatalog';

/** The cart tab: search, lines, shipping, discount and note, totals, and creating the order. */
export function CartBuilder({
  conversation,
  connection,
  draft,
  dispatch,
  searchRef,
  focusSearch,
  onCreated,
}: {
  conversation: ConversationSummary;
  connection: ConnectionState;
  draft: CartDraft;
  dispatch(action: CartAction): void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** Put the caret in the search box once it appears (the catalog may still be loading when the panel opens). */
  focusSearch: boolean;
  onCreated(orderId: string, orderNo: string | null): void;
}) {
  const { t } = useI18n();
  const call = useCall();
  const { notifyError } = useToasts();
  const catalog = useCatalogSearch();
  const [busy, setBusy] = useState(false);

  if (!catalog.info || !catalog.search) {
    return <p className="cart-empty-note cart-scroll" aria-busy="true">{t('cart.catalog.loading')}</p>;
  }
  const { settings, products } = catalog.info.catalog;
  const totals = draftTotals(draft, settings);
  const built = buildCart(draft, settings);

  function add(product: Product, variantId: string | null) {
    if (canAddLine(draft, product, variantId)) dispatch({ type: 'add', product, variantId });
  }

  async function create(sendSummary: boolean, delivery: SummaryDelivery) {
    if (!built.ok || busy) return;
    setBusy(true);
    try {
      const result = await call('orders:create', { conversationId: conversation.id, cart: built.cart, ...createOptions(sendSummary, delivery) });
      if (!result) return;
      if (!result.ok) {
        notifyError(t('cart.failed', { message: result.message }));
        return;
      }
      dispatch({ type: 'clear' });
      const order = await call('orders:get', { orderId: result.orderId });
      onCreated(result.orderId, order?.orderNo ?? null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="cart-scroll">
        {products.length === 0 ? (
          <div className="cart-catalog-empty" role="note">
            <span className="cart-catalog-empty-icon" aria-hidden="true">🗂️</span>
            <strong>{t('cart.catalog.empty')}</strong>
            <p className="muted">{t('cart.catalog.emptyHint')}</p>
          </div>
        ) : (
          <ProductSearchBox search={catalog.search} inputRef={searchRef} autoFocus={focusSearch} onAdd={add} />
        )}
        <section className="cart-section" aria-label={t('cart.lines.title')}>
          <h3 className="cart-section-title">{t('cart.lines.title')}</h3>
          <CartLines lines={draft.lines} products={products} dispatch={dispatch} />
        </section>
        <ShippingSection shipping={draft.shipping} settings={settings} totals={totals} dispatch={dispatch} />
        <DiscountSection discount={draft.discount} note={draft.note} dispatch={dispatch} />
      </div>
      <footer className="cart-footer">
        <CartTotalsView totals={totals} />
        <CreateOrderBar
          channel={conversation.channel}
          replyWindow={conversation.replyWindow}
          connection={connection}
          ready={built.ok}
          problem={problemText(built, t)}
          busy={busy}
          onCreate={(sendSummary, delivery) => void create(sendSummary, delivery)}
        />
      </footer>
    </>
  );
}

function problemText(built: BuiltCart, t: ReturnType<typeof useI18n>['t']): string | null {
  // An empty cart needs no words: the lines section already says so and the button is disabled.
  if (built.ok || built.problem === 'empty') return null;
  if (built.problem === 'discount') return t('cart.problem.discount');
  return t('cart.problem.invalid', { message: built.detail ?? '' });
}
