import { useMemo, useRef, useState, type DragEvent } from 'react';
import type { CatalogCsvPreview, CatalogInfo } from '../../../shared/ipc';
import { RelativeTime } from '../../components/RelativeTime';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { download } from '../lead/SegmentExport';
import { CsvImportDialog } from './CsvImportDialog';
import { catalogCsvFilename, catalogTemplateCsv, catalogToCsv } from '../../../shared/catalog/catalog-csv-writer';
import { filterProducts } from './catalog-view';
import { ProductTable } from './ProductTable';
import './catalog.css';
import { useWorkflowContext } from '../workflow/workflow-context';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

function looksLikeCsv(file: File): boolean {
  return /\.(csv|txt)$/i.test(file.name) || file.type === 'text/csv' || file.type === 'text/plain';
}

/** The product catalog: search, CSV import (picker or drag & drop) with a preview, export and a template. */
export function CatalogTab({ info, reload }: { info: CatalogInfo | null; reload(): Promise<CatalogInfo | null> }) {
  const { t, language } = useI18n();
  const call = useCall();
  const [query, setQuery] = useState('');
  const [dragging, setDragging] = useState(false);
  const [reading, setReading] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  // The relay refuses catalog.save to agents (FORBIDDEN); an agent is not offered the import at all.
  const { isLead } = useWorkflowContext();
  const [preview, setPreview] = useState<{ file: string; preview: CatalogCsvPreview } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const products = useMemo(() => filterProducts(info?.catalog.products ?? [], query), [info, query]);

  async function importFile(file: File) {
    setNotice(null);
    if (!looksLikeCsv(file)) {
      setNotice({ kind: 'error', text: t('catalog.notCsv', { file: file.name }) });
      return;
    }
    setReading(true);
    try {
      const result = await call('catalog:previewCsv', { text: await file.text() });
      if (!result) return;
      if (result.ok) setPreview({ file: file.name, preview: result.preview });
      else setNotice({ kind: 'error', text: t('import.previewFailed', { message: result.message }) });
    } catch (error) {
      setNotice({ kind: 'error', text: t('catalog.readFailed', { file: file.name, message: error instanceof Error ? error.message : String(error) }) });
    } finally {
      setReading(false);
    }
  }

  function onDrop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void importFile(file);
  }

  if (!info) return <p className="orders-loading muted">{t('catalog.loading')}</p>;
  const csvLanguage = language === 'en' ? 'en' : 'zh-TW';
  return (
    <section
      className={`catalog-tab${dragging ? ' is-dragging' : ''}`}
      aria-label={t('catalog.title')}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <header className="catalog-head">
        <div>
          <h1 className="orders-title">{t('catalog.title')}</h1>
          <p className="muted">
            {info.version > 0 ? (
              <>
                {t('catalog.version', { version: info.version, by: info.updatedBy ?? '—' })}{' '}
                {info.updatedAt !== null && <RelativeTime timestamp={info.updatedAt} />}
              </>
            ) : (
              t('catalog.versionNone')
            )}
          </p>
        </div>
        <div className="catalog-actions">
          <input
            ref={fileInput}
            type="file"
            accept=".csv,text/csv,text/plain"
            hidden
            data-catalog-file
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void importFile(file);
            }}
          />
          <button type="button" className="button button-quiet" onClick={() => download(catalogCsvFilename('template', new Date()), catalogTemplateCsv(csvLanguage))}>
            {t('catalog.template')}
          </button>
          <button
            type="button"
            className="button"
            disabled={info.catalog.products.length === 0}
            onClick={() => download(catalogCsvFilename('export', new Date()), catalogToCsv(info.catalog.products, csvLanguage))}
          >
            {t('catalog.export')}
          </button>
          {isLead ? (
            <button type="button" className="button button-primary" disabled={reading} onClick={() => fileInput.current?.click()}>
              {reading ? t('catalog.reading') : t('catalog.import')}
            </button>
          ) : (
            <span className="lead-only-note">{t('roles.leadOnly')}</span>
          )}
        </div>
      </header>
      {notice && (
        <p className={notice.kind === 'ok' ? 'rules-note is-ok' : 'rules-note is-error'} role={notice.kind === 'ok' ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      <div className="catalog-tools">
        <input className="input catalog-search" type="search" placeholder={t('catalog.search')} aria-label={t('catalog.search')} value={query} onChange={(event) => setQuery(event.target.value)} />
        <span className="muted">{t('catalog.count', { count: products.length })}</span>
      </div>
      {info.catalog.products.length === 0 ? (
        <p className="catalog-empty">{t('catalog.empty')}</p>
      ) : products.length === 0 ? (
        <p className="catalog-empty muted">{t('catalog.noMatch', { query })}</p>
      ) : (
        <ProductTable products={products} label={t('catalog.title')} />
      )}
      {dragging && (
        <div className="catalog-drop" aria-hidden="true">
          {t('catalog.drop')}
        </div>
      )}
      {preview && (
        <CsvImportDialog
          file={preview.file}
          preview={preview.preview}
          info={info}
          reload={reload}
          onClose={() => setPreview(null)}
          onImported={(count, version) => {
            setPreview(null);
            setNotice({ kind: 'ok', text: t('import.done', { count, version }) });
          }}
        />
      )}
    </section>
  );
}
