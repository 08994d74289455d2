import { useEffect, useRef, useState } from 'react';
import type { CatalogCsvPreview, CatalogInfo } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { mergeImported, type ImportMode } from './catalog-view';
import { csvErrorText } from './csv-error-text';
import { ProductTable } from './ProductTable';
import { saveFailureKey } from './save-failure';

/** Problems listed one by one; more are counted (a broken export can have thousands). */
const LISTED_ERRORS = 200;

/** What an imported CSV would change, with every problem row explained; nothing is saved before 「匯入」. */
export function CsvImportDialog({
  file,
  preview,
  info,
  reload,
  onClose,
  onImported,
}: {
  file: string;
  preview: CatalogCsvPreview;
  info: CatalogInfo;
  reload(): Promise<CatalogInfo | null>;
  onClose(): void;
  onImported(count: number, version: number): void;
}) {
  const { t } = useI18n();
  const call = useCall();
  const [mode, setMode] = useState<ImportMode>('merge');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => (preview.products.length > 0 ? confirmRef.current : cancelRef.current)?.focus(), [preview.products.length]);
  const errorRows = new Set(preview.errors.map((error) => error.row)).size;
  const current = info.catalog.products.length;

  async function save() {
    setSaving(true);
    setFailure(null);
    const products = mergeImported(info.catalog.products, preview.products, mode);
    const result = await call('catalog:save', { catalog: { products, settings: info.catalog.settings }, baseVersion: info.version });
    setSaving(false);
    if (!result) return;
    if (result.ok) {
      onImported(preview.products.length, result.version);
      return;
    }
    const key = saveFailureKey(result.code, 'import');
    setFailure(key ? t(key) : t('import.failed', { message: result.message }));
    // After a conflict the next attempt must start from the newest catalog.
    if (result.code === 'CONFLICT') void reload();
  }

  const counts: Array<[string, number, string?]> = [
    [t('import.counts.rows'), preview.rowCount],
    [t('import.counts.products'), preview.products.length],
    [t('import.counts.added'), preview.added],
    [t('import.counts.updated'), preview.updated],
    [t('import.counts.errors'), preview.errors.length, preview.errors.length > 0 ? 'is-error' : undefined],
  ];
  return (
    <div className="overlay" role="presentation" onMouseDown={onClose} onKeyDown={(event) => event.key === 'Escape' && !saving && onClose()}>
      <div className="dialog import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-title" onMouseDown={(event) => event.stopPropagation()}>
        <h2 id="import-title" className="dialog-title">
          {t('import.title', { file })}
        </h2>
        <dl className="import-counts">
          {counts.map(([label, value, tone]) => (
            <div key={label} className={tone}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <div className="import-body">
          <section className="import-errors" aria-label={t('import.counts.errors')}>
            {preview.errors.length === 0 ? (
              <p className="import-ok">{t('import.errors.none')}</p>
            ) : (
              <>
                <p className="import-errors-title">{t('import.errors.title', { count: errorRows })}</p>
                <ul>
                  {preview.errors.slice(0, LISTED_ERRORS).map((error, index) => (
                    <li key={index}>{csvErrorText(error, t)}</li>
                  ))}
                </ul>
                {preview.errors.length > LISTED_ERRORS && <p className="muted">{t('import.errors.more', { count: preview.errors.length - LISTED_ERRORS })}</p>}
              </>
            )}
          </section>
          {preview.products.length > 0 && <ProductTable products={preview.products} label={t('import.counts.products')} compact />}
        </div>
        <fieldset className="import-mode">
          <legend>{t('import.mode.label')}</legend>
          {(['merge', 'replace'] as const).map((value) => (
            <label key={value} className={`import-mode-option${mode === value ? ' is-on' : ''}`}>
              <input type="radio" name="import-mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
              <span>
                <strong>{t(value === 'merge' ? 'import.mode.merge' : 'import.mode.replace')}</strong>
                <span className="muted">
                  {value === 'merge' ? t('import.mode.merge.hint') : t('import.mode.replace.hint', { count: preview.products.length, current })}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        {failure && (
          <p className="rules-note is-error" role="alert">
            {failure}
          </p>
        )}
        <div className="dialog-actions">
          <button ref={cancelRef} type="button" className="button" onClick={onClose} disabled={saving}>
            {t('common.cancel')}
          </button>
          <button
            ref={confirmRef}
            type="button"
            className={`button ${mode === 'replace' ? 'button-danger' : 'button-primary'}`}
            disabled={saving || preview.products.length === 0}
            onClick={() => void save()}
          >
            {saving ? t('import.saving') : preview.products.length === 0 ? t('import.nothing') : t('import.confirm', { count: preview.products.length })}
          </button>
        </div>
      </div>
    </div>
  );
}
