import { useI18n } from '../../i18n';
import { useCartDock } from './CartDock';

/** The conversation header's 「購物車」 button (Alt+C does the same). */
export function CartToggleButton() {
  const dock = useCartDock();
  const { t } = useI18n();
  if (!dock) return null;
  return (
    <button
      type="button"
      className={`button button-small cart-toggle${dock.open ? ' is-active' : ''}`}
      aria-pressed={dock.open}
      title={dock.open ? t('cart.close') : t('cart.open.title')}
      onClick={dock.toggle}
      data-cart-toggle
    >
      <svg className="cart-toggle-icon" viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
        <path d="M2 3h2.2l2 9.2h9.3L17.5 6H5.1" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
        <circle cx="7.6" cy="16" r="1.4" fill="currentColor" />
        <circle cx="14.2" cy="16" r="1.4" fill="currentColor" />
      </svg>
      {t('cart.open')}
      <kbd className="cart-toggle-kbd">Alt C</kbd>
    </button>
  );
}
