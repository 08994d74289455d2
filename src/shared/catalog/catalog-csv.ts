import Papa from 'papaparse';
import type { CatalogCsvPreview, CsvRowError } from '../ipc/order-contract';
import { productSchema, type Catalog, type Product, type Variant } from './catalog-schema';
import {
  CATALOG_COLUMNS,
  columnOf,
  countLineBreaks,
  isImageUrl,
  MAX_LENGTH,
  parseWholeNumber,
  withoutFormulaGuard,
  REQUIRED_COLUMNS,
  type CatalogColumn,
} from './catalog-csv-cells';

/**
 * Reads a catalog CSV (as exported by Excel or Google Sheets) into products, with every problem reported
 * per row so the agent can fix the file. One row per variant; rows with the same SKU form one product.
 * Nothing is imported from a row with an error. Parsing (quotes, embedded newlines, CRLF) is papaparse's
 * job — see docs/decisions/0004-papaparse-for-catalog-csv.md.
 */

const MAX_VALUE_SHOWN = 60;

interface CsvRecord {
  line: number;
  cells: string[];
  malformed: boolean;
}

interface RowValues {
  line: number;
  sku: string;
  name: string;
  nameEn: string | null;
  price: number;
  imageUrl: string | null;
  /** '' for a row without variant details (a product without options). */
  variantKey: string;
  variant: Variant;
}

/** Splits the text into records, each with the 1-based line it starts on. */
function readRecords(text: string): CsvRecord[] {
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const records: CsvRecord[] = [];
  let previousEnd = 0;
  let line = 1;
  let counted = 0;
  Papa.parse<string[]>(text, {
    header: false,
    delimiter,
    skipEmptyLines: 'greedy',
    step: (result) => {
      let start = previousEnd;
      // Blank lines skipped before this record still count as lines of the file.
      while (start < text.length && /\s/.test(text.charAt(start))) start += 1;
      line += countLineBreaks(text, counted, start);
      counted = start;
      previousEnd = result.meta.cursor;
      records.push({ line, cells: result.data, malformed: result.errors.length > 0 });
    },
  });
  return records;
}

const shown = (value: string): string => value.slice(0, MAX_VALUE_SHOWN);

export function parseCatalogCsv(rawText: string, current?: Catalog): CatalogCsvPreview {
  const text = rawText.replace(/^\uFEFF/, ''); // Excel's "CSV UTF-8" starts with a byte-order mark
  const [header, ...rows] = readRecords(text);
  const errors: CsvRowError[] = [];
  const result = (products: Product[]): CatalogCsvPreview => {
    const existing = new Set(current?.products.map((product) => product.sku) ?? []);
    const updated = products.filter((product) => existing.has(product.sku)).length;
    errors.sort((a, b) => a.row - b.row); // stable: a row's problems stay in column order
    return { products, rowCount: rows.length, errors, added: products.length - updated, updated };
  };
  if (!header) {
    for (const column of REQUIRED_COLUMNS) errors.push({ row: 1, column: CATALOG_COLUMNS[column][0], code: 'missing_column', value: null });
    return result([]);
  }

  const columns = new Map<CatalogColumn, { index: number; label: string }>();
  header.cells.forEach((label, index) => {
    const column = columnOf(label);
    if (column && !columns.has(column)) columns.set(column, { index, label: label.trim() });
  });
  const missing = REQUIRED_COLUMNS.filter((column) => !columns.has(column));
  for (const column of missing) errors.push({ row: 1, column: CATALOG_COLUMNS[column][0], code: 'missing_column', value: null });
  if (missing.length > 0) return result([]);

  const values: RowValues[] = [];
  for (const record of rows) {
    const row = readRow(record, header.cells.length, columns, errors);
    if (row) values.push(row);
  }
  return result(assembleProducts(values, columns, errors));
}

/** One record's cells, checked; null (with its errors recorded) when anything is wrong. */
function readRow(
  record: CsvRecord,
  width: number,
  columns: Map<CatalogColumn, { index: number; label: string }>,
  errors: CsvRowError[],
): RowValues | null {
  if (record.malformed || record.cells.length !== width) {
    errors.push({ row: record.line, column: null, code: 'malformed', value: shown(record.cells.join(',')) });
    return null;
  }
  const before = errors.length;
  const fail = (column: CatalogColumn, code: CsvRowError['code'], value: string | null): void => {
    errors.push({ row: record.line, column: columns.get(column)?.label ?? null, code, value: value === null ? null : shown(value) });
  };
  const cell = (column: CatalogColumn): string => {
    const at = columns.get(column);
    return at ? withoutFormulaGuard((record.cells[at.index] ?? '').trim()) : '';
  };
  const text = (column: CatalogColumn, required: boolean): string | null => {
    const value = cell(column);
    if (value === '') {
      if (required) fail(column, 'required', null);
      return null;
    }
    const max = MAX_LENGTH[column];
    if (max !== undefined && value.length > max) fail(column, 'too_long', value);
    return value;
  };
  const whole = (column: CatalogColumn, currency: boolean): number | null => {
    const value = cell(column);
    if (value === '') return null;
    const parsed = parseWholeNumber(value, { currency });
    if (parsed.ok) return parsed.value;
    fail(column, parsed.code, value);
    return null;
  };

  const sku = text('sku', true);
  const name = text('name', true);
  const nameEn = text('nameEn', false);
  const priceCell = cell('price');
  if (priceCell === '') fail('price', 'required', null);
  const price = whole('price', true);
  const variantSku = text('variantSku', false);
  const size = text('size', false);
  const color = text('color', false);
  const stock = whole('stock', false);
  const imageUrl = text('imageUrl', false);
  if (imageUrl !== null && !isImageUrl(imageUrl)) fail('imageUrl', 'bad_url', imageUrl);
  if (errors.length > before || sku === null || name === null || price === null) return null;

  // Without its own SKU a variant is named after its options, so "白 / M" stays one variant across rows.
  const variantKey = variantSku ?? [color, size].filter((part) => part !== null).join('/');
  const variantId = variantSku ?? (variantKey === '' ? '' : [sku, color, size].filter((part) => part !== null).join('-'));
  if (variantId.length > 64) {
    fail('variantSku', 'too_long', variantId);
    return null;
  }
  return {
    line: record.line,
    sku,
    name,
    nameEn,
    price,
    imageUrl,
    variantKey,
    variant: { id: variantId, size, color, stock, price: null },
  };
}

/**
 * Groups rows by SKU (first appearance order); rows that contradict their product's first row are errors.
 * The first row's price is the product's; a variant row with another price keeps it as the variant's own
 * (an XL that costs more), so a catalog exported with per-variant prices imports back unchanged.
 */
function assembleProducts(
  rows: RowValues[],
  columns: Map<CatalogColumn, { index: number; label: string }>,
  errors: CsvRowError[],
): Product[] {
  const label = (column: CatalogColumn): string | null => columns.get(column)?.label ?? null;
  const groups = new Map<string, RowValues[]>();
  for (const row of rows) {
    const group = groups.get(row.sku);
    if (!group) {
      groups.set(row.sku, [row]);
      continue;
    }
    const first = group[0]!;
    if (row.name !== first.name) {
      errors.push({ row: row.line, column: label('name'), code: 'name_conflict', value: shown(row.name) });
    } else if (group.some((other) => other.variantKey === row.variantKey)) {
      errors.push({ row: row.line, column: label('variantSku'), code: 'duplicate_variant', value: shown(row.variantKey || row.sku) });
    } else if (row.variantKey === '' || first.variantKey === '') {
      // A product either has options on every row or is a single row without any.
      errors.push({ row: row.line, column: label('variantSku'), code: 'required', value: null });
    } else {
      group.push(row);
    }
  }
  const products: Product[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const hasVariants = first.variantKey !== '';
    const product = productSchema.safeParse({
      sku: first.sku,
      name: first.name,
      nameEn: first.nameEn,
      price: first.price,
      imageUrl: first.imageUrl,
      variants: hasVariants ? group.map((row) => ({ ...row.variant, price: row.price === first.price ? null : row.price })) : [],
      stock: hasVariants ? null : first.variant.stock,
    });
    if (product.success) products.push(product.data);
    else errors.push({ row: first.line, column: label('variantSku'), code: 'too_long', value: `${group.length} variants` });
  }
  return products;
}
