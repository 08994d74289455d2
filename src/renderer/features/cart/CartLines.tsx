import { useEffect, useState } from 'react';
import type { Product } from '../../../shared/catalog/catalog-schema';
import { MAX_CART_LINES, MAX_LINE_QUANTITY, type CartLine } from '../../../shared/orders/cart-schema';
import { formatNtd } from '../../../shared/orders/cart-totals';
import { useI18n } from '../../i18n';
import { lineKey, stockShortfall, type CartAction } from './cart-draft';

/** The cart's lines: quantity stepper (−/+ or typing), line total, remove, and a stock warning (never a block). */
export function CartLines({ lines, products, dispatch }: { lines: readonly CartLine[]; products: readonly Product[]; dispatch(action: CartAction): void }) {
  const { t } = useI18n();
  if (lines.length === 0) return <p className="cart-empty-note cart-lines-empty">{t('cart.lines.empty')}</p>;
  return (
    <>
      <ul className="cart-lines">
        {lines.map((line) => (
          <LineRow key={lineKey(line)} line={line} shortfall={stockShortfall(line, products)} dispatch={dispatch} />
        ))}
      </ul>
      {lines.length >= MAX_CART_LINES && <p className="cart-field-error">{t('cart.lines.full', { max: MAX_CART_LINES })}</p>}
    </>
  );
}

function LineRow({ line, shortfall, dispatch }: { line: CartLine; shortfall: number | null; dispatch(action: CartAction): void }) {
  const { t } = useI18n();
  const key = lineKey(line);
  const [text, setText] = useState(String(line.quantity));
  useEffect(() => setText(String(line.quantity)), [line.quantity]);
  const setQuantity = (quantity: number) => dispatch({ type: 'setQuantity', key, quantity });
  return (
    <li className={`cart-line${shortfall !== null ? ' is-short' : ''}`} data-cart-line={line.sku}>
      <div className="cart-line-text">
        <span className="cart-line-name">{line.name}</span>
        <span className="cart-line-detail muted">
          {line.variantLabel && <span className="cart-line-variant">{line.variantLabel}</span>}
          <span>{t('cart.line.unitPrice', { price: formatNtd(line.unitPrice) })}</span>
        </span>
        {shortfall !== null && (
          <span className="cart-line-warning" role="status">
            <span aria-hidden="true">⚠</span> {t('cart.line.stockShort', { count: shortfall })}
          </span>
        )}
      </div>
      <div className="cart-stepper">
        <button type="button" className="cart-step" aria-label={t('cart.line.decrease')} disabled={line.quantity <= 1} onClick={() => setQuantity(line.quantity - 1)}>
          −
        </button>
        <input
          className="cart-quantity"
          inputMode="numeric"
          aria-label={t('cart.line.quantity', { name: line.name })}
          value={text}
          onChange={(event) => {
            const typed = event.target.value.normalize('NFKC').replace(/\D/g, '');
            setText(typed);
            if (typed !== '' && Number(typed) > 0) setQuantity(Number(typed));
          }}
          onBlur={() => setText(String(line.quantity))}
        />
        <button type="button" className="cart-step" aria-label={t('cart.line.increase')} disabled={line.quantity >= MAX_LINE_QUANTITY} onClick={() => setQuantity(line.quantity + 1)}>
          +
        </button>
      </div>
      <span className="cart-line-total">{formatNtd(line.unitPrice * line.quantity)}</span>
      <button type="button" className="cart-line-remove" aria-label={t('cart.line.remove', { name: line.name })} title={t('cart.line.remove', { name: line.name })} onClick={() => dispatch({ type: 'remove', key })}>
        ×
      </button>
    </li>
  );
}
