import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n';
import { NoteComposer } from './NoteComposer';

/**
 * 回覆顧客 | 內部備註 above the composer. The reply composer stays mounted (hidden) while a note is written, so
 * its draft and typing state are untouched.
 */
export function ComposerTabs({
  conversationId,
  mode,
  onModeChange,
  reply,
}: {
  conversationId: string;
  mode: 'reply' | 'note';
  onModeChange(mode: 'reply' | 'note'): void;
  reply: ReactNode;
}) {
  const { t } = useI18n();
  // Only a switch moves the focus: opening a conversation leaves it where the agent had it.
  const switched = useRef(false);
  useEffect(() => {
    if (!switched.current) {
      switched.current = true;
      return;
    }
    const selector = mode === 'note' ? 'textarea[data-note-composer]' : 'textarea[data-composer]';
    document.querySelector<HTMLTextAreaElement>(selector)?.focus();
  }, [mode]);
  return (
    <div className={`composer-tabs is-${mode}`}>
      <div className="composer-tab-list" role="tablist" aria-label={t('note.tabs')}>
        {(['reply', 'note'] as const).map((item) => (
          <button
            key={item}
            type="button"
            role="tab"
            aria-selected={mode === item}
            className={`composer-tab${mode === item ? ' is-active' : ''}${item === 'note' ? ' is-note' : ''}`}
            onClick={() => onModeChange(item)}
            title="Alt+M"
          >
            {item === 'note' ? t('note.tab') : t('note.replyTab')}
          </button>
        ))}
      </div>
      <div hidden={mode !== 'reply'}>{reply}</div>
      {mode === 'note' && <NoteComposer conversationId={conversationId} />}
    </div>
  );
}
