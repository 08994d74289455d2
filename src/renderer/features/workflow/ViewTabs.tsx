import { useRef, type KeyboardEvent } from 'react';
import { INBOX_VIEWS, type InboxView } from '../../../shared/workflow/conversation-status';
import type { ViewCounts } from '../../../shared/ipc';
import { useI18n } from '../../i18n';

/**
 * 需回覆 · 我的 · 未指派 · 全部 · 已完成 with their counts: a tab list moved by ←/→ (Home/End), so the agent
 * switches views without the mouse. 需回覆 shows its count in the alert colour while anyone waits.
 */
export function ViewTabs({ view, counts, onChange }: { view: InboxView; counts: ViewCounts | null; onChange(view: InboxView): void }) {
  const { t } = useI18n();
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = INBOX_VIEWS.indexOf(view);
    const next =
      event.key === 'ArrowRight' ? (index + 1) % INBOX_VIEWS.length
      : event.key === 'ArrowLeft' ? (index - 1 + INBOX_VIEWS.length) % INBOX_VIEWS.length
      : event.key === 'Home' ? 0
      : event.key === 'End' ? INBOX_VIEWS.length - 1
      : null;
    if (next === null) return;
    event.preventDefault();
    onChange(INBOX_VIEWS[next]!);
    refs.current[next]?.focus();
  }
  return (
    <div className="view-tabs" role="tablist" aria-label={t('views.label')} onKeyDown={onKeyDown}>
      {INBOX_VIEWS.map((item, index) => {
        const count = counts?.[item];
        const active = item === view;
        return (
          <button
            key={item}
            ref={(element) => {
              refs.current[index] = element;
            }}
            type="button"
            role="tab"
            aria-selected={active}
            tabIndex={active ? 0 : -1}
            className={`view-tab${active ? ' is-active' : ''}${item === 'needs_reply' && (count ?? 0) > 0 ? ' is-waiting' : ''}`}
            data-view={item}
            aria-label={t('views.option', { view: t(`views.${item}`), count: count ?? 0 })}
            onClick={() => onChange(item)}
          >
            <span className="view-tab-label">{t(`views.${item}`)}</span>
            <span className="view-tab-count">{count ?? '–'}</span>
          </button>
        );
      })}
    </div>
  );
}
