import type { Product } from './catalog-schema';
import { csvField } from '../billing/savings';

/**
 * The catalog as a CSV the importer reads back (src/shared/catalog/catalog-csv.ts): one row per variant, rows
 * of one SKU form one product; a product without variants is one row with empty variant cells. Headers in
 * the agent's language (the importer accepts both), a UTF-8 BOM and CRLF so Excel opens the Chinese text.
 */

export type CsvLanguage = 'zh-TW' | 'en';

const HEADERS: Record<CsvLanguage, readonly string[]> = {
  'zh-TW': ['商品編號', '商品名稱', '英文名稱', '售價', '規格編號', '尺寸', '顏色', '庫存', '圖片網址'],
  en: ['sku', 'name', 'name_en', 'price', 'variant_sku', 'size', 'color', 'stock', 'image_url'],
};

export function catalogCsvHeader(language: CsvLanguage): readonly string[] {
  return HEADERS[language];
}

function cells(values: ReadonlyArray<string | number | null>): string {
  return values.map((value) => csvField(value ?? '')).join(',');
}

function productRows(product: Product): string[] {
  if (product.variants.length === 0) {
    return [cells([product.sku, product.name, product.nameEn, product.price, null, null, null, product.stock, product.imageUrl])];
  }
  // Each variant row carries its own price (the importer keeps a price that differs from the first row's).
  return product.variants.map((variant) =>
    cells([product.sku, product.name, product.nameEn, variant.price ?? product.price, variant.id, variant.size, variant.color, variant.stock, product.imageUrl]),
  );
}

function document(rows: readonly string[]): string {
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

export function catalogToCsv(products: readonly Product[], language: CsvLanguage): string {
  return document([cells(HEADERS[language]), ...products.flatMap(productRows)]);
}

/** A small filled-in example: a shirt in two colours and sizes, and a bag without options. */
export const TEMPLATE_PRODUCTS: readonly Product[] = [
  {
    sku: 'TS-001',
    name: '棉麻寬版襯衫',
    nameEn: 'Linen Relaxed Shirt',
    price: 980,
    imageUrl: 'https://shop.example/images/ts-001.jpg',
    stock: null,
    variants: [
      { id: 'TS-001-WH-M', size: 'M', color: '白', stock: 12, price: null },
      { id: 'TS-001-WH-L', size: 'L', color: '白', stock: 2, price: null },
      { id: 'TS-001-BL-M', size: 'M', color: '霧藍', stock: 0, price: null },
    ],
  },
  { sku: 'AC-101', name: '帆布托特包', nameEn: 'Canvas Tote Bag', price: 490, imageUrl: null, stock: 25, variants: [] },
];

export function catalogTemplateCsv(language: CsvLanguage): string {
  return catalogToCsv(TEMPLATE_PRODUCTS, language);
}

export function catalogCsvFilename(kind: 'template' | 'export', at: Date): string {
  const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  return kind === 'template' ? 'catalog-template.csv' : `catalog-${day}.csv`;
}
