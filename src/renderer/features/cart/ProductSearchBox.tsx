import { useEffect, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import { stockOf, variantLabel, type Product } from '../../../shared/catalog/catalog-schema';
import type { ProductSearch } from '../../../shared/catalog/product-search';
import { formatNtd } from '../../../shared/orders/cart-totals';
import { useI18n } from '../../i18n';
import { firstCursor, moveCursor, type ResultCursor, type ResultOptions } from './cart-keys';
import { stockLevel } from './cart-draft';

const RESULT_LIMIT = 12;

function optionsOf(product: Product): ResultOptions {
  if (product.variants.length === 0) return { pickable: product.stock === 0 ? [] : [-1] };
  return { pickable: product.variants.flatMap((variant, index) => (variant.stock === 0 ? [] : [index])) };
}

/** Search box + results: ↑/↓ pick a product, ←/→ a variant, Enter adds; chips are buttons for the mouse and Tab. */
export function ProductSearchBox({
  search,
  inputRef,
  autoFocus,
  onAdd,
}: {
  search: ProductSearch;
  inputRef: RefObject<HTMLInputElement | null>;
  autoFocus: boolean;
  onAdd(product: Product, variantId: string | null): void;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const results = useMemo(() => search.search(query, RESULT_LIMIT).map((match) => match.product), [search, query]);
  const rows = useMemo(() => results.map(optionsOf), [results]);
  const [cursor, setCursor] = useState<ResultCursor | null>(null);
  // ←/→ belong to the caret until the agent starts moving through the results with ↑/↓.
  const [navigating, setNavigating] = useState(false);

  useEffect(() => {
    setCursor(firstCursor(rows));
    setNavigating(false);
  }, [rows]);

  function add(product: Product, option: number) {
    onAdd(product, option < 0 ? null : (product.variants[option]?.id ?? null));
    // Ready for the next product: typing replaces the query, Enter adds the same item again.
    inputRef.current?.select();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing) return;
    const key = event.key;
    if (key === 'ArrowDown' || key === 'ArrowUp' || (navigating && (key === 'ArrowLeft' || key === 'ArrowRight'))) {
      event.preventDefault();
      setNavigating(true);
      setCursor((current) => moveCursor(rows, current, key));
    } else if (key === 'Enter' && cursor) {
      event.preventDefault();
      const product = results[cursor.row];
      if (product && rows[cursor.row]!.pickable.includes(cursor.option)) add(product, cursor.option);
    }
  }

  const activeId = cursor ? `cart-option-${cursor.row}-${cursor.option}` : undefined;
  return (
    <section className="cart-search" aria-label={t('cart.search.label')}>
      <input
        ref={inputRef}
        autoFocus={autoFocus}
        className="cart-search-input"
        type="search"
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls="cart-results"
        aria-activedescendant={activeId}
        aria-label={t('cart.search.label')}
        placeholder={t('cart.search.placeholder')}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onKeyDown}
        data-cart-search
      />
      {query.trim() !== '' && results.length === 0 && <p className="cart-empty-note">{t('cart.search.none', { query: query.trim() })}</p>}
      {results.length > 0 && (
        <>
          <p className="cart-search-hint muted">{t('cart.search.hint')}</p>
          <ul className="cart-results" id="cart-results" role="listbox" aria-label={t('cart.search.results', { count: results.length })}>
            {results.map((product, row) => (
              <ResultRow key={product.sku} product={product} row={row} cursor={cursor} onPick={(option) => add(product, option)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ResultRow({ product, row, cursor, onPick }: { product: Product; row: number; cursor: ResultCursor | null; onPick(option: number): void }) {
  const { t } = useI18n();
  const active = cursor?.row === row;
  const options = product.variants.length === 0 ? [{ index: -1, label: t('cart.product.add'), stock: stockOf(product, null) }] : product.variants.map((variant, index) => ({ index, label: variantLabel(variant) || variant.id, stock: variant.stock }));
  return (
    <li className={`cart-result${active ? ' is-active' : ''}`} role="option" aria-selected={active}>
      <div className="cart-result-head">
        <span className="cart-result-name">{product.name}</span>
        <span className="cart-result-price">{formatNtd(product.price)}</span>
      </div>
      <div className="cart-result-meta muted">
        {product.nameEn && <span className="cart-result-en">{product.nameEn}</span>}
        <span className="cart-result-sku">{product.sku}</span>
      </div>
      <div className="cart-variants">
        {options.map((option) => {
          const level = stockLevel(option.stock);
          const isActive = active && cursor?.option === option.index;
          return (
            <button
              key={option.index}
              id={`cart-option-${row}-${option.index}`}
              type="button"
              className={`cart-variant stock-${level}${isActive ? ' is-active' : ''}`}
              disabled={level === 'out'}
              title={option.index < 0 ? undefined : t('cart.variant.add', { name: product.name, variant: option.label })}
              onClick={() => onPick(option.index)}
            >
              <span className="cart-variant-label">{option.label}</span>
              {level === 'out' && <span className="cart-variant-stock">{t('cart.variant.out')}</span>}
              {level === 'low' && <span className="cart-variant-stock">{t('cart.variant.low', { count: option.stock ?? 0 })}</span>}
            </button>
          );
        })}
      </div>
    </li>
  );
}
