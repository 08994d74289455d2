import { useEffect, useRef, useState } from 'react';
import type { LeadTag } from '../../../shared/ipc';
import { useI18n } from '../../i18n';
import { CustomerText } from '../../components/CustomerText';
import { showUnsafeCharacters } from '../../../shared/text/unsafe-characters';

export type TagAction = { kind: 'rename' | 'merge' | 'delete'; tag: LeadTag };

/** Rename (new name), merge (pick the tag to fold into) or delete (confirm) one tag. */
export function TagActionDialog({
  action,
  tags,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  action: TagAction;
  tags: readonly LeadTag[];
  busy: boolean;
  error: string | null;
  onSubmit(value: string): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const others = tags.filter((tag) => tag.key !== action.tag.key);
  const [value, setValue] = useState(action.kind === 'rename' ? action.tag.name : (others[0]?.name ?? ''));
  const inputRef = useRef<HTMLInputElement>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  useEffect(() => (inputRef.current ?? selectRef.current ?? submitRef.current)?.focus(), []);
  const title = t(`lead.${action.kind}.title`, { tag: action.tag.name });
  return (
    <div className="overlay" role="presentation" onMouseDown={onCancel} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <form
        className="dialog lead-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        onMouseDown={(event) => event.stopPropagation()}
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(value);
        }}
      >
        <h3 className="dialog-title">
          <CustomerText text={title} />
        </h3>
        {action.kind === 'rename' && (
          <input ref={inputRef} className="text-input" value={value} onChange={(event) => setValue(event.target.value)} aria-label={t('lead.rename.to')} />
        )}
        {action.kind === 'merge' && (
          <>
            <select ref={selectRef} className="text-input" value={value} onChange={(event) => setValue(event.target.value)} aria-label={t('lead.merge.into')}>
              {others.map((tag) => (
                <option key={tag.key} value={tag.name}>
                  {showUnsafeCharacters(tag.name)} ({tag.count})
                </option>
              ))}
            </select>
            <p className="dialog-hint"><CustomerText text={t('lead.merge.hint', { source: action.tag.name, target: value })} /></p>
          </>
        )}
        {action.kind === 'delete' && <p className="dialog-hint"><CustomerText text={t('lead.delete.hint', { tag: action.tag.name, count: action.tag.count })} /></p>}
        {error && (
          <p className="tag-error" role="alert">
            <CustomerText text={error} />
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button ref={submitRef} type="submit" className={`button ${action.kind === 'delete' ? 'button-danger' : 'button-primary'}`} disabled={busy || value.trim() === ''}>
            {busy ? t('lead.working') : t(`lead.${action.kind}.confirm`)}
          </button>
        </div>
      </form>
    </div>
  );
}
