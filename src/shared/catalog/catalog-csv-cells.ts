import type { CsvRowError } from '../ipc/order-contract';

/** The columns a catalog CSV may have, with the header names accepted for each (English and zh-TW). */
export const CATALOG_COLUMNS = {
  sku: ['sku', '商品編號'],
  name: ['name', '商品名稱'],
  nameEn: ['name_en', '英文名稱'],
  price: ['price', '售價'],
  variantSku: ['variant_sku', '規格編號'],
  size: ['size', '尺寸'],
  color: ['color', '顏色'],
  stock: ['stock', '庫存'],
  imageUrl: ['image_url', '圖片網址'],
} as const;
export type CatalogColumn = keyof typeof CATALOG_COLUMNS;
export const REQUIRED_COLUMNS: readonly CatalogColumn[] = ['sku', 'name', 'price'];

/** Maximum lengths, as the catalog schema enforces them. */
export const MAX_LENGTH: Partial<Record<CatalogColumn, number>> = {
  sku: 64,
  name: 120,
  nameEn: 120,
  variantSku: 64,
  size: 32,
  color: 32,
  imageUrl: 2000,
};

export const MAX_NTD = 10_000_000;

/** "Name", " 商品名稱 ", "NAME-EN" and "Name En" all name the same column. */
function normaliseHeader(header: string): string {
  return header.normalize('NFKC').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Which column each header cell is (null: a column we do not use, which is ignored). */
export function columnOf(header: string): CatalogColumn | null {
  const key = normaliseHeader(header);
  for (const [column, names] of Object.entries(CATALOG_COLUMNS) as [CatalogColumn, readonly string[]][]) {
    if (names.includes(key)) return column;
  }
  return null;
}

export type CellResult<T> = { ok: true; value: T } | { ok: false; code: CsvRowError['code'] };

/**
 * A whole number as shops write it: "1280", "1,280", "NT$1,280", "$1280", "1280元", full-width digits, and
 * Excel's "1280.00". "12.5" is not a whole number; "-5" is negative.
 */
export function parseWholeNumber(raw: string, options: { currency: boolean }): CellResult<number> {
  let text = raw.normalize('NFKC').trim().replace(/\s+/g, '');
  if (options.currency) text = text.replace(/^(-?)(?:NT\$|NTD|\$)/i, '$1').replace(/元$/, '');
  const match = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return { ok: false, code: 'not_integer' };
  const [, sign, digits = '', fraction] = match;
  if (fraction !== undefined && /[^0]/.test(fraction)) return { ok: false, code: 'not_integer' };
  const value = Number(digits.replaceAll(',', ''));
  if (sign === '-' && value !== 0) return { ok: false, code: 'negative' };
  if (!Number.isSafeInteger(value) || value > MAX_NTD) return { ok: false, code: 'too_long' };
  return { ok: true, value };
}

/** An image address the app and LINE can load: http(s) only. */
export function isImageUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** Counts line breaks in text[from, to) — CRLF, LF and a lone CR each end one line. */
export function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i += 1) {
    const char = text.charCodeAt(i);
    if (char === 10) count += 1;
    else if (char === 13 && text.charCodeAt(i + 1) !== 10) count += 1;
  }
  return count;
}

/**
 * Undoes the spreadsheet-formula guard that CSV exports put before a leading = + - @ (csvField in
 * src/shared/billing/savings.ts writes "'-M"), so an exported catalog imports back unchanged.
 */
export function withoutFormulaGuard(cell: string): string {
  return /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
}
