import type { CsvRowError } from '../../../shared/ipc';
import type { Translate } from '../../i18n/translate';

/** Headers of the price column in either language (see catalog-csv-writer.ts): a whole number of NT$ there. */
const PRICE_HEADERS = new Set(['price', '售價']);

/**
 * One import problem as a sentence in the agent's language, e.g. 第 4 列「售價」：必須是整數（NT$），收到「12.5」.
 * A missing column concerns the header row, so its name is the value.
 */
export function csvErrorText(error: CsvRowError, t: Translate): string {
  const where =
    error.column !== null && error.code !== 'missing_column'
      ? t('csvError.cell', { row: error.row, column: error.column })
      : t('csvError.row', { row: error.row });
  const value = error.value ?? (error.code === 'missing_column' ? (error.column ?? '') : '');
  const isPrice = error.column !== null && PRICE_HEADERS.has(error.column.trim().toLowerCase());
  const what = error.code === 'not_integer' && isPrice ? t('csvError.not_integer.price', { value }) : t(`csvError.${error.code}`, { value });
  return t('csvError.sentence', { where, what });
}
