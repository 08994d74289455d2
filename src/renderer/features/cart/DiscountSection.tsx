import { useI18n } from '../../i18n';
import { parseDiscount, type CartAction, type CartDraft, type DiscountKind } from './cart-draft';

const KINDS: readonly DiscountKind[] = ['none', 'amount', 'percent'];

/** Discount (none / NT$ amount / whole percent, validated as typed) and the note for the customer. */
export function DiscountSection({ discount, note, dispatch }: { discount: CartDraft['discount']; note: string; dispatch(action: CartAction): void }) {
  const { t } = useI18n();
  const parsed = parseDiscount(discount);
  return (
    <>
      <fieldset className="cart-section cart-discount">
        <legend className="cart-section-title">{t('cart.discount.title')}</legend>
        <div className="cart-discount-row">
          <div className="cart-choices cart-choices-compact" role="radiogroup" aria-label={t('cart.discount.title')}>
            {KINDS.map((kind) => (
              <label key={kind} className={`cart-choice${discount.kind === kind ? ' is-checked' : ''}`}>
                <input type="radio" name="cart-discount" value={kind} checked={discount.kind === kind} onChange={() => dispatch({ type: 'discount', patch: { kind } })} />
                <span className="cart-choice-label">{t(`cart.discount.${kind}`)}</span>
              </label>
            ))}
          </div>
          {discount.kind !== 'none' && (
            <input
              className={`cart-input cart-discount-value${parsed.ok ? '' : ' is-invalid'}`}
              inputMode="numeric"
              maxLength={12}
              aria-label={t('cart.discount.value')}
              aria-invalid={!parsed.ok}
              placeholder={discount.kind === 'percent' ? '10' : '100'}
              value={discount.text}
              onChange={(event) => dispatch({ type: 'discount', patch: { text: event.target.value } })}
              data-cart-discount
            />
          )}
        </div>
        {!parsed.ok && (
          <p className="cart-field-error" role="alert">
            {t(`cart.discount.${parsed.problem}`)}
          </p>
        )}
      </fieldset>
      <label className="cart-section cart-field cart-note">
        <span className="cart-section-title">{t('cart.note.title')}</span>
        <textarea className="cart-input" rows={2} maxLength={500} placeholder={t('cart.note.placeholder')} value={note} onChange={(event) => dispatch({ type: 'note', note: event.target.value })} />
      </label>
    </>
  );
}
