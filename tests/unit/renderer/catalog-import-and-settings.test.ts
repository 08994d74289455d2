import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_SETTINGS, shopSettingsSchema, type Product } from '../../../src/shared/catalog/catalog-schema';
import type { CsvRowError } from '../../../src/shared/ipc';
import { catalogCsvHeader, catalogTemplateCsv, catalogToCsv, TEMPLATE_PRODUCTS } from '../../../src/shared/catalog/catalog-csv-writer';
import { filterProducts, mergeImported, priceRange, stockSummary, variantOptions } from '../../../src/renderer/features/catalog/catalog-view';
import { csvErrorText } from '../../../src/renderer/features/catalog/csv-error-text';
import { saveFailureKey } from '../../../src/renderer/features/catalog/save-failure';
import { exampleLink, formToSettings, parseAmount, parseDelayHours, settingsToForm, type SettingsForm } from '../../../src/renderer/features/catalog/settings-form';
import { createTranslator } from '../../../src/renderer/i18n/translate';

const zh = createTranslator('zh-TW');
const en = createTranslator('en');

function product(overrides: Partial<Product>): Product {
  return { sku: 'P-1', name: '商品', nameEn: null, price: 100, imageUrl: null, variants: [], stock: null, ...overrides };
}
const variant = (id: string, stock: number | null, extra: Partial<Product['variants'][number]> = {}) => ({ id, size: null, color: null, stock, price: null, ...extra });

/** Reads the writer's output back the way a spreadsheet would (papaparse, header row). */
function readBack(csv: string): Record<string, string>[] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('catalog CSV writer', () => {
  it('writes one row per variant, with the importer’s headers in either language, BOM and CRLF', () => {
    const csv = catalogTemplateCsv('zh-TW');
    expect(csv.split('\r\n')[0]).toBe(`\uFEFF${catalogCsvHeader('zh-TW').join(',')}`);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = readBack(csv);
    const expectedRows = TEMPLATE_PRODUCTS.reduce((sum, item) => sum + Math.max(1, item.variants.length), 0);
    expect(rows).toHaveLength(expectedRows);
    expect(rows[0]).toMatchObject({ 商品編號: 'TS-001', 售價: '980', 規格編號: 'TS-001-WH-M', 尺寸: 'M', 顏色: '白', 庫存: '12' });
    const bag = rows.find((row) => row['商品編號'] === 'AC-101')!;
    expect(bag).toMatchObject({ 規格編號: '', 庫存: '25', 英文名稱: 'Canvas Tote Bag' });
    expect(Object.keys(readBack(catalogTemplateCsv('en'))[0]!)).toEqual([...catalogCsvHeader('en')]);
  });

  it('quotes commas, quotes and newlines, and keeps spreadsheet formulas from running', () => {
    const tricky = product({ sku: 'Q-1', name: '襯衫, "限量"\n版', nameEn: '=HYPERLINK("x")' });
    const [row] = readBack(catalogToCsv([tricky], 'en'));
    expect(row!.name).toBe('襯衫, "限量"\n版');
    expect(row!.name_en).toBe(`'=HYPERLINK("x")`);
  });

  it('round-trips any catalog’s text fields and numbers (property)', () => {
    const text = fc.string({ minLength: 1, maxLength: 20 }).filter((value) => value.trim() === value && !/^[=+\-@]/.test(value) && value.trim() !== '');
    const arbitraryProduct = fc.record({
      sku: text,
      name: text,
      nameEn: fc.option(text, { nil: null }),
      price: fc.integer({ min: 0, max: 10_000_000 }),
      variants: fc.array(fc.record({ id: text, size: fc.option(text, { nil: null }), color: fc.option(text, { nil: null }), stock: fc.option(fc.nat(500), { nil: null }) }), { maxLength: 3 }),
      stock: fc.option(fc.nat(500), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryProduct, { maxLength: 5 }), (items) => {
        const products = items.map((item) => product({ ...item, variants: item.variants.map((v) => ({ ...v, price: null })) }));
        const rows = readBack(catalogToCsv(products, 'en'));
        const expected = products.flatMap((item) =>
          item.variants.length === 0
            ? [{ sku: item.sku, name: item.name, name_en: item.nameEn ?? '', price: String(item.price), variant_sku: '', size: '', color: '', stock: item.stock === null ? '' : String(item.stock), image_url: '' }]
            : item.variants.map((v) => ({ sku: item.sku, name: item.name, name_en: item.nameEn ?? '', price: String(item.price), variant_sku: v.id, size: v.size ?? '', color: v.color ?? '', stock: v.stock === null ? '' : String(v.stock), image_url: '' })),
        );
        expect(rows).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});

describe('CSV problems as sentences', () => {
  const error = (overrides: Partial<CsvRowError>): CsvRowError => ({ row: 4, column: '售價', code: 'not_integer', value: '12.5', ...overrides });

  it('says where and what in the agent’s language', () => {
    expect(csvErrorText(error({}), zh)).toBe('第 4 列「售價」：必須是整數（NT$），收到「12.5」');
    expect(csvErrorText(error({ column: 'price' }), en)).toBe('Row 4 “price”: must be a whole number of NT$, got “12.5”');
    expect(csvErrorText(error({ column: '庫存', value: '2.5' }), zh)).toBe('第 4 列「庫存」：必須是整數，收到「2.5」');
    expect(csvErrorText(error({ row: 7, column: 'sku', code: 'required', value: '' }), zh)).toBe('第 7 列「sku」：不能空白');
    expect(csvErrorText(error({ row: 1, column: 'price', code: 'missing_column', value: null }), zh)).toBe('第 1 列：缺少必要欄位「price」');
    expect(csvErrorText(error({ row: 9, column: null, code: 'malformed', value: null }), en)).toBe('Row 9: is malformed: unbalanced quotes or the wrong number of cells');
  });

  it('has a sentence for every error code in both languages', () => {
    const codes: CsvRowError['code'][] = ['missing_column', 'required', 'not_integer', 'negative', 'too_long', 'duplicate_variant', 'name_conflict', 'bad_url', 'malformed'];
    for (const code of codes) {
      for (const t of [zh, en]) {
        const text = csvErrorText(error({ code, column: 'x', value: 'v' }), t);
        expect(text).not.toContain('csvError.');
        expect(text).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('explains conflicts and offline saves, and leaves other codes to the relay’s message', () => {
    expect(zh(saveFailureKey('CONFLICT', 'import')!)).toBe('目錄剛被其他人更新，請重新匯入');
    expect(saveFailureKey('OFFLINE', 'settings')).toBe('settings.offline');
    expect(saveFailureKey('FORBIDDEN', 'import')).toBeNull();
  });
});

describe('catalog table and import merge', () => {
  it('sums tracked stock and flags low and sold-out', () => {
    expect(stockSummary(product({ stock: null }))).toEqual({ total: null, level: 'untracked', soldOutVariants: 0 });
    expect(stockSummary(product({ stock: 0 })).level).toBe('out');
    expect(stockSummary(product({ stock: 3 })).level).toBe('low');
    expect(stockSummary(product({ stock: 25 })).level).toBe('ok');
    const shirt = product({ variants: [variant('a', 10), variant('b', 0), variant('c', null)] });
    expect(stockSummary(shirt)).toEqual({ total: 10, level: 'low', soldOutVariants: 1 });
    expect(stockSummary(product({ variants: [variant('a', 0), variant('b', 0)] })).level).toBe('out');
  });

  it('shows the price range and the options', () => {
    const shirt = product({ price: 980, variants: [variant('a', 1, { color: '白', size: 'S' }), variant('b', 1, { color: '白', size: 'M', price: 1080 }), variant('c', 1, { color: '霧藍', size: 'XL' })] });
    expect(priceRange(shirt)).toEqual({ min: 980, max: 1080 });
    expect(variantOptions(shirt)).toBe('白、霧藍 · S–XL');
    expect(variantOptions(product({ variants: [variant('f', 1, { size: 'F' })] }))).toBe('F');
  });

  it('searches SKU, variant ids, names and English names', () => {
    const items = [product({ sku: 'TS-001', name: '棉麻襯衫', nameEn: 'Linen Shirt', variants: [variant('TS-001-WH-M', 1)] }), product({ sku: 'AC-101', name: '托特包' })];
    expect(filterProducts(items, 'linen').map((item) => item.sku)).toEqual(['TS-001']);
    expect(filterProducts(items, 'wh-m').map((item) => item.sku)).toEqual(['TS-001']);
    expect(filterProducts(items, '托特').map((item) => item.sku)).toEqual(['AC-101']);
    expect(filterProducts(items, ' ')).toHaveLength(2);
  });

  it('merges by SKU in place or replaces the catalog', () => {
    const current = [product({ sku: 'A', price: 1 }), product({ sku: 'B', price: 2 })];
    const imported = [product({ sku: 'B', price: 20 }), product({ sku: 'C', price: 30 })];
    expect(mergeImported(current, imported, 'merge').map((item) => [item.sku, item.price])).toEqual([['A', 1], ['B', 20], ['C', 30]]);
    expect(mergeImported(current, imported, 'replace').map((item) => item.sku)).toEqual(['B', 'C']);
  });
});

describe('shop settings form', () => {
  const form = (overrides: Partial<SettingsForm> = {}): SettingsForm => ({ ...settingsToForm(DEFAULT_SHOP_SETTINGS), ...overrides });

  it('turns the saved settings into the form and back unchanged, valid for the schema', () => {
    const result = formToSettings(form());
    expect(result).toEqual({ ok: true, settings: DEFAULT_SHOP_SETTINGS });
    expect(form().delaysHours).toEqual(['12', '48']);
    const odd = { ...DEFAULT_SHOP_SETTINGS, reminders: { delaysMinutes: [90], whenNoFreeReply: 'push' as const } };
    expect(settingsToForm(odd).delaysHours).toEqual(['1.5']);
    const back = formToSettings(settingsToForm(odd));
    expect(back.ok && shopSettingsSchema.parse(back.settings)).toEqual(odd);
  });

  it('reads amounts as shops write them and refuses the rest', () => {
    expect(parseAmount(' NT$1,280 ')).toBe(1280);
    expect(parseAmount('0')).toBe(0);
    expect(parseAmount('12.5')).toBeNull();
    expect(parseAmount('-1')).toBeNull();
    expect(parseAmount('10000001')).toBeNull();
    expect(parseDelayHours('0.5')).toBe(30);
    expect(parseDelayHours('0')).toBeNull();
    expect(parseDelayHours('1441')).toBeNull();
  });

  it('marks each invalid field with its own message', () => {
    const result = formToSettings(
      form({ fees: { seven_eleven: 'abc', family_mart: '60', home: '100' }, threshold: '', linkTemplate: 'http://pay.example/{orderNo}', delaysHours: ['48', '12'] }),
    );
    expect(result).toEqual({
      ok: false,
      errors: { 'fee.seven_eleven': 'settingsError.amount', threshold: 'settingsError.amount', linkTemplate: 'settingsError.linkHttps', 'delay.1': 'settingsError.delayOrder' },
    });
    expect(formToSettings(form({ linkTemplate: 'https://pay.example/' }))).toMatchObject({ ok: false, errors: { linkTemplate: 'settingsError.linkOrderNo' } });
    expect(formToSettings(form({ delaysHours: ['1', '2', '3', '4', '5', '6'] }))).toMatchObject({ ok: false, errors: { 'delay.5': 'settingsError.delay' } });
  });

  it('drops the threshold when free shipping is off, and shows the example link only when valid', () => {
    const result = formToSettings(form({ freeShipping: false, threshold: 'whatever' }));
    expect(result.ok && result.settings.shipping.freeShippingThreshold).toBeNull();
    expect(exampleLink(' https://shop.example/pay/{orderNo}?src=line ')).toBe('https://shop.example/pay/SO2611230001?src=line');
    expect(exampleLink('shop.example/{orderNo}')).toBeNull();
  });
});
