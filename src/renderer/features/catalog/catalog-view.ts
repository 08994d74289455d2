import type { Product } from '../../../shared/catalog/catalog-schema';

/** What the catalog table shows about a product, and the import's merge (DOM-free, unit-tested). */

/** At or below this many units a tracked product or variant is flagged 庫存不足. */
export const LOW_STOCK = 3;

export type StockLevel = 'untracked' | 'out' | 'low' | 'ok';

export interface StockSummary {
  /** Units over the tracked variants (or the product), null when nothing is tracked. */
  total: number | null;
  level: StockLevel;
  /** Tracked variants with no stock left (a product with others still in stock is not 'out'). */
  soldOutVariants: number;
}

export function stockSummary(product: Product): StockSummary {
  const tracked = product.variants.length === 0 ? [product.stock] : product.variants.map((variant) => variant.stock);
  const counts = tracked.filter((stock): stock is number => stock !== null);
  if (counts.length === 0) return { total: null, level: 'untracked', soldOutVariants: 0 };
  const total = counts.reduce((sum, stock) => sum + stock, 0);
  const soldOutVariants = product.variants.length === 0 ? 0 : counts.filter((stock) => stock === 0).length;
  const level: StockLevel = total === 0 ? 'out' : counts.some((stock) => stock <= LOW_STOCK) ? 'low' : 'ok';
  return { total, level, soldOutVariants };
}

/** Lowest and highest unit price over the variants (variant prices override the product's). */
export function priceRange(product: Product): { min: number; max: number } {
  const prices = product.variants.length === 0 ? [product.price] : product.variants.map((variant) => variant.price ?? product.price);
  return { min: Math.min(...prices), max: Math.max(...prices) };
}

/** "白、霧藍 · S–XL": the distinct colours, then the distinct sizes, in the order they appear. */
export function variantOptions(product: Product): string {
  const distinct = (values: ReadonlyArray<string | null>) => [...new Set(values.filter((value): value is string => Boolean(value)))];
  const colours = distinct(product.variants.map((variant) => variant.color));
  const sizes = distinct(product.variants.map((variant) => variant.size));
  const sizeText = sizes.length > 2 ? `${sizes[0]}–${sizes[sizes.length - 1]}` : sizes.join('、');
  return [colours.join('、'), sizeText].filter((part) => part !== '').join(' · ');
}

/** Products whose SKU, variant ids, name or English name contain the query (case-insensitive). */
export function filterProducts(products: readonly Product[], query: string): Product[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [...products];
  return products.filter((product) =>
    [product.sku, product.name, product.nameEn ?? '', ...product.variants.map((variant) => variant.id)].some((text) => text.toLowerCase().includes(needle)),
  );
}

export type ImportMode = 'merge' | 'replace';

/**
 * The catalog after an import: 'replace' keeps only the imported products; 'merge' replaces products with
 * the same SKU in place and appends the new ones, so the existing order of the catalog is kept.
 */
export function mergeImported(current: readonly Product[], imported: readonly Product[], mode: ImportMode): Product[] {
  if (mode === 'replace') return [...imported];
  const bySku = new Map(imported.map((product) => [product.sku, product]));
  const merged = current.map((product) => bySku.get(product.sku) ?? product);
  const known = new Set(current.map((product) => product.sku));
  return [...merged, ...imported.filter((product) => !known.has(product.sku))];
}
