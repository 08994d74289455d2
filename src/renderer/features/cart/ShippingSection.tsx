import { SHIPPING_METHODS, type ShopSettings } from '../../../shared/catalog/catalog-schema';
import type { CartTotals } from '../../../shared/orders/cart-schema';
import { amountToFreeShipping, formatNtd } from '../../../shared/orders/cart-totals';
import { useI18n } from '../../i18n';
import type { CartAction, CartDraft } from './cart-draft';

/** Pickup at 7-ELEVEN / 全家 (store name) or home delivery (address); fee from the shop's settings. */
export function ShippingSection({ shipping, settings, totals, dispatch }: { shipping: CartDraft['shipping']; settings: ShopSettings; totals: CartTotals; dispatch(action: CartAction): void }) {
  const { t } = useI18n();
  const threshold = settings.shipping.freeShippingThreshold;
  const missing = amountToFreeShipping(totals, threshold);
  const pickup = shipping.method !== 'home';
  return (
    <fieldset className="cart-section cart-shipping">
      <legend className="cart-section-title">{t('cart.shipping.title')}</legend>
      <div className="cart-choices" role="radiogroup" aria-label={t('cart.shipping.title')}>
        {SHIPPING_METHODS.map((method) => (
          <label key={method} className={`cart-choice${shipping.method === method ? ' is-checked' : ''}`}>
            <input type="radio" name="cart-shipping" value={method} checked={shipping.method === method} onChange={() => dispatch({ type: 'shipping', patch: { method } })} />
            <span className="cart-choice-label">{t(`cart.shipping.${method}`)}</span>
            <span className="cart-choice-fee muted">{formatNtd(settings.shipping.fees[method])}</span>
          </label>
        ))}
      </div>
      <label className="cart-field">
        <span className="cart-field-label">{pickup ? t('cart.shipping.store') : t('cart.shipping.address')}</span>
        <input
          className="cart-input"
          key={pickup ? 'store' : 'address'}
          maxLength={pickup ? 60 : 200}
          placeholder={pickup ? t('cart.shipping.store.placeholder') : t('cart.shipping.address.placeholder')}
          value={pickup ? shipping.storeName : shipping.address}
          onChange={(event) => dispatch({ type: 'shipping', patch: pickup ? { storeName: event.target.value } : { address: event.target.value } })}
          data-cart-destination
        />
        {(pickup ? shipping.storeName : shipping.address).trim() === '' && (
          <span className="cart-field-hint muted">{pickup ? t('cart.shipping.store.later') : t('cart.shipping.address.later')}</span>
        )}
      </label>
      {threshold !== null && totals.itemCount > 0 && (
        <div className={`cart-free-shipping${missing === null ? ' is-reached' : ''}`}>
          <div className="cart-progress" aria-hidden="true">
            <span style={{ width: `${Math.min(100, Math.round(((totals.subtotal - totals.discount) / Math.max(1, threshold)) * 100))}%` }} />
          </div>
          <span>{missing === null ? t('cart.shipping.free') : t('cart.shipping.toFree', { amount: formatNtd(missing) })}</span>
        </div>
      )}
    </fieldset>
  );
}
