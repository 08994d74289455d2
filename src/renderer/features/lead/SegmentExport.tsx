import { useState } from 'react';
import type { LeadTag } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { TagChip } from '../tags/TagChip';

/** Saves text as a file through the browser's download (the Electron shell shows a save dialog). */
export function download(filename: string, text: string): void {
  // The text starts with a BOM already; Blob keeps it, so Excel reads the Chinese as UTF-8.
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Segment builder: pick tags, AND / OR, export the members as CSV from the relay. */
export function SegmentExport({ tags }: { tags: readonly LeadTag[] }) {
  const { t } = useI18n();
  const call = useCall();
  const [picked, setPicked] = useState<string[]>([]);
  const [mode, setMode] = useState<'and' | 'or'>('or');
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (name: string) => setPicked((current) => (current.includes(name) ? current.filter((tag) => tag !== name) : [...current, name]));

  async function exportNow() {
    setBusy(true);
    setStatus(null);
    const result = await call('lead:export', { tags: picked, mode });
    setBusy(false);
    if (!result) return;
    if (!result.ok) {
      setStatus({ kind: 'error', text: result.code === 'OFFLINE' ? t('lead.offline') : result.message });
      return;
    }
    download(result.filename, result.csv);
    setStatus({ kind: 'ok', text: t('lead.export.done', { count: result.count, filename: result.filename }) });
  }

  return (
    <section className="lead-card segment-card" aria-label={t('lead.export.title')}>
      <header className="lead-card-header">
        <h3>{t('lead.export.title')}</h3>
        <div className="segmented" role="radiogroup" aria-label={t('lead.export.mode')}>
          {(['or', 'and'] as const).map((value) => (
            <button key={value} type="button" role="radio" aria-checked={mode === value} className={mode === value ? 'is-on' : undefined} onClick={() => setMode(value)}>
              {t(value === 'and' ? 'lead.export.and' : 'lead.export.or')}
            </button>
          ))}
        </div>
      </header>
      <div className="segment-tags">
        {tags.map((tag) => (
          <button
            key={tag.key}
            type="button"
            className={`segment-toggle${picked.includes(tag.name) ? ' is-on' : ''}`}
            aria-pressed={picked.includes(tag.name)}
            onClick={() => toggle(tag.name)}
          >
            <TagChip name={tag.name} count={tag.count} small />
          </button>
        ))}
      </div>
      <p className="segment-summary">
        {picked.length === 0
          ? t('lead.export.pick')
          : t(mode === 'and' ? 'lead.export.summaryAnd' : 'lead.export.summaryOr', { tags: picked.join(mode === 'and' ? ' + ' : ' / ') })}
      </p>
      <div className="segment-actions">
        <button type="button" className="button button-primary" disabled={picked.length === 0 || busy} onClick={() => void exportNow()}>
          {busy ? t('lead.working') : t('lead.export.button')}
        </button>
        {status && (
          <span className={status.kind === 'ok' ? 'segment-ok' : 'tag-error'} role="status">
            {status.text}
          </span>
        )}
      </div>
    </section>
  );
}
