import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCatalogCsv } from '../../../src/shared/catalog/catalog-csv';
import { parseWholeNumber } from '../../../src/shared/catalog/catalog-csv-cells';
import { catalogToCsv } from '../../../src/shared/catalog/catalog-csv-writer';
import { DEFAULT_SHOP_SETTINGS, productSchema, type Product } from '../../../src/shared/catalog/catalog-schema';
import { ROOT_DIR } from '../../support/processes';

const HEADER = ['sku', 'name', 'name_en', 'price', 'variant_sku', 'size', 'color', 'stock', 'image_url'];

/** A small CSV writer for the tests: quotes every cell that needs it, like Excel does. */
function cell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function writeCatalogCsv(products: Product[], options: { crlf: boolean; bom: boolean }): string {
  const rows = [HEADER];
  for (const product of products) {
    const common = [product.sku, product.name, product.nameEn];
    if (product.variants.length === 0) {
      rows.push([...common, product.price, null, null, null, product.stock, product.imageUrl].map(cell) as string[]);
    }
    for (const variant of product.variants) {
      rows.push([...common, variant.price ?? product.price, variant.id, variant.size, variant.color, variant.stock, product.imageUrl].map(cell) as string[]);
    }
  }
  const eol = options.crlf ? '\r\n' : '\n';
  return `${options.bom ? '\uFEFF' : ''}${rows.map((row) => row.join(',')).join(eol)}${eol}`;
}

describe('parseCatalogCsv', () => {
  it('reads zh-TW headers, groups variants by SKU and accepts prices as shops write them', () => {
    const text = [
      '商品編號,商品名稱,英文名稱,售價,規格編號,尺寸,顏色,庫存,圖片網址',
      'TS-001,純棉短T,Cotton Tee,"NT$1,280",TS-001-WH-M,M,白,12,https://img.example/ts.jpg',
      'TS-001,純棉短T,Cotton Tee,"1,280",TS-001-WH-L,L,白,0,https://img.example/ts.jpg',
      'DR-002,"碎花洋裝, 長版",,990,,,,,',
    ].join('\r\n');
    const preview = parseCatalogCsv(text);
    expect(preview.errors).toEqual([]);
    expect(preview.rowCount).toBe(3);
    expect(preview.products).toEqual([
      {
        sku: 'TS-001',
        name: '純棉短T',
        nameEn: 'Cotton Tee',
        price: 1280,
        imageUrl: 'https://img.example/ts.jpg',
        stock: null,
        variants: [
          { id: 'TS-001-WH-M', size: 'M', color: '白', stock: 12, price: null },
          { id: 'TS-001-WH-L', size: 'L', color: '白', stock: 0, price: null },
        ],
      },
      { sku: 'DR-002', name: '碎花洋裝, 長版', nameEn: null, price: 990, imageUrl: null, stock: null, variants: [] },
    ]);
  });

  it('reports each problem with its line, header as written, code and value — and imports the good rows', () => {
    const text = [
      'SKU,Name,Price,Size,Color,Stock,Image URL', // line 1
      'A1,短T,12.5,M,白,1,', // 2 not_integer
      ',長褲,500,M,黑,1,', // 3 required sku
      'A2,外套,-5,,,,', // 4 negative
      'A3,帽子,300,,,,ftp://x/y.png', // 5 bad_url
      'A4,襪子,100,F,灰,abc,', // 6 stock not_integer
      '', // 7 blank line: skipped, still counted
      'A5,圍巾,200,F,紅,3,', // 8 good
      'A5,圍巾,250,F,藍,3,', // 9 good: the blue one costs more (its own price)
      'A5,圍巾,200,F,紅,4,', // 10 duplicate_variant
      'A5,圍巾圍巾,200,M,紅,3,', // 11 name_conflict
      'A6,"手套', // 12 unterminated quote
    ].join('\n');
    const preview = parseCatalogCsv(text);
    expect(preview.errors).toEqual([
      { row: 2, column: 'Price', code: 'not_integer', value: '12.5' },
      { row: 3, column: 'SKU', code: 'required', value: null },
      { row: 4, column: 'Price', code: 'negative', value: '-5' },
      { row: 5, column: 'Image URL', code: 'bad_url', value: 'ftp://x/y.png' },
      { row: 6, column: 'Stock', code: 'not_integer', value: 'abc' },
      { row: 10, column: null, code: 'duplicate_variant', value: '紅/F' },
      { row: 11, column: 'Name', code: 'name_conflict', value: '圍巾圍巾' },
      { row: 12, column: null, code: 'malformed', value: expect.stringContaining('A6') },
    ]);
    expect(preview.products.map((product) => [product.sku, product.variants.map((variant) => [variant.id, variant.price])])).toEqual([
      ['A5', [['A5-紅-F', null], ['A5-藍-F', 250]]],
    ]);
    expect(preview.rowCount).toBe(10);
  });

  it('needs sku, name and price columns', () => {
    const preview = parseCatalogCsv('sku,名稱,stock\nA1,短T,3\n');
    expect(preview.errors).toEqual([
      { row: 1, column: 'name', code: 'missing_column', value: null },
      { row: 1, column: 'price', code: 'missing_column', value: null },
    ]);
    expect(preview.products).toEqual([]);
  });

  it('counts products that are new and that replace existing ones', () => {
    const current = { products: [productSchema.parse({ sku: 'A1', name: '舊短T', price: 100 })], settings: DEFAULT_SHOP_SETTINGS };
    const preview = parseCatalogCsv('sku,name,price\nA1,新短T,120\nB1,長褲,500\nC1,帽子,300\n', current);
    expect([preview.added, preview.updated]).toEqual([2, 1]);
  });

  it('accepts whole numbers in the ways shops write them and nothing else', () => {
    const accepted = ['1280', '1,280', 'NT$1,280', '$1280', '1280元', '１２８０', ' 1280.00 ', 'nt$ 1,280'];
    for (const text of accepted) expect(parseWholeNumber(text, { currency: true })).toEqual({ ok: true, value: 1280 });
    expect(parseWholeNumber('12.5', { currency: true })).toEqual({ ok: false, code: 'not_integer' });
    expect(parseWholeNumber('12,80', { currency: true })).toEqual({ ok: false, code: 'not_integer' });
    expect(parseWholeNumber('NT$5', { currency: false })).toEqual({ ok: false, code: 'not_integer' });
    expect(parseWholeNumber('-3', { currency: false })).toEqual({ ok: false, code: 'negative' });
    expect(parseWholeNumber('99999999', { currency: true })).toEqual({ ok: false, code: 'too_long' });
  });

  it('the demo files: the sample imports cleanly, the one with errors reports each typical mistake', () => {
    const sample = parseCatalogCsv(readFileSync(join(ROOT_DIR, 'resources/demo/catalog-sample.csv'), 'utf8'));
    expect(sample.errors).toEqual([]);
    expect(sample.products.length).toBeGreaterThanOrEqual(8);
    expect(sample.products.some((product) => product.variants.length >= 4)).toBe(true);
    const broken = parseCatalogCsv(readFileSync(join(ROOT_DIR, 'resources/demo/catalog-with-errors.csv'), 'utf8'));
    expect(new Set(broken.errors.map((error) => error.code))).toEqual(
      new Set(['required', 'not_integer', 'negative', 'duplicate_variant', 'name_conflict', 'bad_url', 'too_long']),
    );
    expect(broken.products.length).toBeGreaterThan(0);
  });

  // Generous timeout: ~1 s alone, several times that when the whole unit suite runs in parallel.
  it('property: a catalog written to CSV and parsed back is the same catalog (quotes, newlines, BOM, CRLF)', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(catalogArb(), fc.boolean(), fc.boolean(), (products, crlf, bom) => {
        const preview = parseCatalogCsv(writeCatalogCsv(products, { crlf, bom }));
        expect(preview.errors).toEqual([]);
        expect(preview.products).toEqual(products);
        expect(preview.rowCount).toBe(products.reduce((rows, item) => rows + Math.max(1, item.variants.length), 0));
      }),
      { numRuns: 200 },
    );
  });

  it('property: the app’s own CSV export imports back unchanged, per-variant prices included', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(catalogArb(), fc.constantFrom('zh-TW' as const, 'en' as const), (products, language) => {
        const preview = parseCatalogCsv(catalogToCsv(products, language));
        expect(preview.errors).toEqual([]);
        expect(preview.products).toEqual(products);
      }),
      { numRuns: 100 },
    );
  });
});

/** Random catalogs with hostile text (quotes, commas, newlines) and variants that cost more or less. */
function catalogArb(): fc.Arbitrary<Product[]> {
    const text = (max: number) =>
      fc
        .string({ unit: fc.constantFrom('衣', '褲', 'a', 'Z', '7', ',', '"', ' ', '\n', '\r\n', '（', '-', '/', '$'), minLength: 1, maxLength: max })
        .map((value) => value.trim())
        .filter((value) => value !== '');
    const optional = (max: number) => fc.option(text(max), { nil: null });
    const stock = fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null });
    const variant = fc.record({ id: text(20), size: optional(8), color: optional(8), stock, price: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }) });
    const product = fc.record({
      sku: text(20),
      name: text(40),
      nameEn: optional(40),
      price: fc.integer({ min: 0, max: 10_000_000 }),
      imageUrl: fc.option(fc.webUrl({ validSchemes: ['https'] }), { nil: null }),
      variants: fc.uniqueArray(variant, { maxLength: 4, selector: (item) => item.id }),
      stock,
    });
    // The first row's price is the product's: the first variant has no price of its own, and a variant
    // priced like the product has none either (that is what the importer produces).
    const ownPrice = (price: number | null, productPrice: number, index: number) => (index === 0 || price === productPrice ? null : price);
    return fc
      .uniqueArray(product, { minLength: 1, maxLength: 8, selector: (item) => item.sku })
      .map((products) =>
        products.map((item) => ({
          ...item,
          stock: item.variants.length > 0 ? null : item.stock,
          variants: item.variants.map((variant, index) => ({ ...variant, price: ownPrice(variant.price, item.price, index) })),
        })),
      );
}
