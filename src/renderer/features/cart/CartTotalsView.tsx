import type { CartTotals } from '../../../shared/orders/cart-schema';
import { formatNtd } from '../../../shared/orders/cart-totals';
import { useI18n } from '../../i18n';

/** 小計 / 折扣 / 運費 / 應付金額, always from computeCartTotals (never summed here). */
export function CartTotalsView({ totals }: { totals: CartTotals }) {
  const { t } = useI18n();
  return (
    <dl className="cart-totals" data-cart-totals>
      <div className="cart-total-row">
        <dt>
          {t('cart.totals.subtotal')} <span className="muted">{t('cart.totals.items', { count: totals.itemCount })}</span>
        </dt>
        <dd>{formatNtd(totals.subtotal)}</dd>
      </div>
      {totals.discount > 0 && (
        <div className="cart-total-row is-discount">
          <dt>{t('cart.totals.discount')}</dt>
          <dd>−{formatNtd(totals.discount)}</dd>
        </div>
      )}
      <div className="cart-total-row">
        <dt>{t('cart.totals.shipping')}</dt>
        <dd>{totals.freeShipping ? <span className="cart-free-label">{t('cart.totals.freeShipping')}</span> : formatNtd(totals.shippingFee)}</dd>
      </div>
      <div className="cart-total-row is-total">
        <dt>{t('cart.totals.total')}</dt>
        <dd data-cart-total>{formatNtd(totals.total)}</dd>
      </div>
    </dl>
  );
}
