import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { Product } from '../../../shared/catalog/catalog-schema';
import { formatNtd } from '../../../shared/orders/cart-totals';
import { Badge } from '../../components/Badge';
import { useI18n } from '../../i18n';
import { priceRange, stockSummary, variantOptions } from './catalog-view';

const ROW_HEIGHT = 44;

/** Products as a virtualised table (thousands of rows scroll smoothly); used by the catalog and the import preview. */
export function ProductTable({ products, label, compact = false }: { products: readonly Product[]; label: string; compact?: boolean }) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: products.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => `${products[index]?.sku ?? ''}#${index}`,
    overscan: 10,
  });
  return (
    <div className={`product-table${compact ? ' is-compact' : ''}`} role="table" aria-label={label} aria-rowcount={products.length + 1}>
      <div className="product-row product-head" role="row">
        <span role="columnheader">{t('catalog.col.sku')}</span>
        <span role="columnheader">{t('catalog.col.name')}</span>
        <span role="columnheader">{t('catalog.col.nameEn')}</span>
        <span role="columnheader" className="num">
          {t('catalog.col.price')}
        </span>
        <span role="columnheader">{t('catalog.col.variants')}</span>
        <span role="columnheader" className="num">
          {t('catalog.col.stock')}
        </span>
      </div>
      <div className="product-scroll" ref={scrollRef} tabIndex={0}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="rowgroup">
          {virtualizer.getVirtualItems().map((item) => (
            <ProductRow key={item.key} product={products[item.index]!} top={item.start} rowIndex={item.index + 2} />
          ))}
        </div>
      </div>
    </div>
  );
}

function ProductRow({ product, top, rowIndex }: { product: Product; top: number; rowIndex: number }) {
  const { t } = useI18n();
  const stock = stockSummary(product);
  const price = priceRange(product);
  const options = variantOptions(product);
  return (
    <div className={`product-row product-${stock.level}`} role="row" aria-rowindex={rowIndex} style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}>
      <span role="cell" className="product-sku">
        {product.sku}
      </span>
      <span role="cell" className="product-name" title={product.name}>
        {product.name}
      </span>
      <span role="cell" className="product-name-en" title={product.nameEn ?? undefined}>
        {product.nameEn ?? '—'}
      </span>
      <span role="cell" className="num">
        {price.min === price.max ? formatNtd(price.min) : `${formatNtd(price.min)}–${formatNtd(price.max)}`}
      </span>
      <span role="cell" className="product-variants" title={options}>
        {product.variants.length === 0 ? t('catalog.variants.none') : t('catalog.variants.summary', { count: product.variants.length, options })}
      </span>
      <span role="cell" className="num product-stock">
        {stock.total === null ? <span className="muted">{t('catalog.stock.untracked')}</span> : stock.total}
        {stock.level === 'out' && <Badge tone="error">{t('catalog.stock.out')}</Badge>}
        {stock.level === 'low' && <Badge tone="waiting">{stock.soldOutVariants > 0 ? t('catalog.stock.someOut', { count: stock.soldOutVariants }) : t('catalog.stock.low')}</Badge>}
      </span>
    </div>
  );
}
