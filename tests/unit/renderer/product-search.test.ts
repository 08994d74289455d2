import { describe, expect, it } from 'vitest';
import { productSchema, type Product } from '../../../src/shared/catalog/catalog-schema';
import { createProductSearch, normalizeProductQuery } from '../../../src/shared/catalog/product-search';

const product = (sku: string, name: string, nameEn: string | null, variantIds: string[] = []): Product =>
  productSchema.parse({ sku, name, nameEn, price: 500, variants: variantIds.map((id) => ({ id, size: 'M', color: '白', stock: 3 })) });

const CATALOG: Product[] = [
  product('TS-001', '棉麻寬版襯衫', 'Linen Relaxed Shirt', ['TS-001-WH-M', 'TS-001-BL-M']),
  product('TS-044', '純棉圓領T恤', 'Cotton Crew Tee', ['TS-044-WH-M']),
  product('DR-014', '法式碎花洋裝', 'French Floral Dress'),
  product('AC-101', '帆布托特包', 'Canvas Tote Bag'),
  product('AC-1010', '迷你帆布零錢包', 'Mini Canvas Coin Purse'),
  product('KN-052', '燕麥色針織開襟衫', 'Oat Knit Cardigan'),
  product('PT-203', '高腰直筒牛仔褲', 'High-rise Straight Jeans'),
  product('XX-900', '條紋襯衫洋裝', 'Striped Shirt Dress'),
];
const search = createProductSearch(CATALOG);
const skus = (query: string, limit?: number) => search.search(query, limit).map((match) => match.product.sku);

describe('product search', () => {
  it('finds Chinese names by any part of the name', () => {
    expect(skus('托特包')[0]).toBe('AC-101');
    expect(skus('襯衫')).toEqual(expect.arrayContaining(['TS-001', 'XX-900']));
    expect(skus('襯衫')).not.toContain('PT-203');
  });

  it('finds English names case-insensitively and tolerates a typo', () => {
    expect(skus('cardigan')[0]).toBe('KN-052');
    expect(skus('FLORAL dress')[0]).toBe('DR-014');
    expect(skus('linnen shirt')[0]).toBe('TS-001');
  });

  it('turns Simplified input into Traditional: 衬衫 finds 襯衫', () => {
    expect(normalizeProductQuery('衬衫')).toBe('襯衫');
    expect(skus('衬衫')).toEqual(expect.arrayContaining(['TS-001', 'XX-900']));
    expect(skus('牛仔裤')[0]).toBe('PT-203');
  });

  it('accepts full-width characters and stray spaces', () => {
    expect(normalizeProductQuery('  ＴＳ－００１ ')).toBe('ts-001');
    expect(skus('ＴＳ－００１')[0]).toBe('TS-001');
  });

  it('ranks an exact SKU first, then SKU prefixes, before any fuzzy match', () => {
    const results = search.search('ac-101');
    expect(results.map((match) => match.product.sku).slice(0, 2)).toEqual(['AC-101', 'AC-1010']);
    expect(results[0]).toMatchObject({ score: 0, matchedOn: 'sku' });
    expect(results[1]).toMatchObject({ matchedOn: 'sku' });
    expect(skus('ts-0').slice(0, 2)).toEqual(['TS-001', 'TS-044']);
  });

  it('answers a complete SKU with that product and longer SKUs only, no look-alike codes', () => {
    const catalog = createProductSearch([...CATALOG, product('AC-130', '羊毛混紡圍巾', 'Wool Blend Scarf')]);
    expect(catalog.search('AC-130').map((match) => match.product.sku)).toEqual(['AC-130']);
    expect(catalog.search('ac-101').map((match) => match.product.sku)).toEqual(['AC-101', 'AC-1010']);
  });

  it('finds a product by a variant id', () => {
    const [first] = search.search('ts-001-bl-m');
    expect(first).toMatchObject({ matchedOn: 'variant' });
    expect(first?.product.sku).toBe('TS-001');
  });

  it('returns at most the limit, and nothing for an empty or unrelated query', () => {
    expect(skus('a', 2)).toHaveLength(2);
    expect(skus('   ')).toEqual([]);
    expect(skus('zzzzqqq')).toEqual([]);
    expect(createProductSearch([]).search('襯衫')).toEqual([]);
  });
});
