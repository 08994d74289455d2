import { useEffect, useRef, useState } from 'react';
import type { OutboxItemView } from '../../../shared/ipc';
import { RelativeTime } from '../../components/RelativeTime';
import { useCall } from '../../hooks/useCall';
import { useNow } from '../../hooks/useNow';
import { useI18n } from '../../i18n';

/**
 * "待傳送": every change the relay has not accepted yet — waiting, sending, or refused with the reason —
 * and a retry for each. Opened from the top bar; Escape or a click outside closes it.
 */
export function OutboxPanel({ items, onClose }: { items: OutboxItemView[] | null; onClose(): void }) {
  const { t } = useI18n();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);
  useEffect(() => {
    // On the window: focus may sit on a retry button that just got disabled (then on the page body).
    const onKeyDown = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [onClose]);
  return (
    <div className="overlay outbox-overlay" role="presentation" onMouseDown={onClose}>
      <section className="outbox-panel" role="dialog" aria-modal="true" aria-labelledby="outbox-title" onMouseDown={(event) => event.stopPropagation()}>
        <header className="outbox-header">
          <h2 id="outbox-title">{t('outbox.title')}</h2>
          <button type="button" className="icon-button" ref={closeRef} onClick={onClose} aria-label={t('outbox.close')} title={t('outbox.close')}>
            ×
          </button>
        </header>
        <p className="outbox-hint">{t('outbox.hint')}</p>
        {items === null ? (
          <p className="outbox-empty">{t('outbox.loading')}</p>
        ) : items.length === 0 ? (
          <p className="outbox-empty">{t('outbox.empty')}</p>
        ) : (
          <ol className="outbox-list">
            {items.map((item) => (
              <OutboxRow key={item.id} item={item} />
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function OutboxRow({ item }: { item: OutboxItemView }) {
  const { t } = useI18n();
  const call = useCall();
  const [retrying, setRetrying] = useState(false);
  const retry = async () => {
    setRetrying(true);
    await call('outbox:retry', { id: item.id });
    setRetrying(false);
  };
  const stateLabel = t(item.state === 'failed' ? 'outbox.state.failed' : item.state === 'sending' ? 'outbox.state.sending' : 'outbox.state.queued');
  return (
    <li className={`outbox-item outbox-item-${item.state}`}>
      <div className="outbox-item-main">
        <div className="outbox-item-top">
          <span className={`outbox-state outbox-state-${item.state}`}>{stateLabel}</span>
          <span className="outbox-conversation">{item.conversationName}</span>
          <span className="outbox-time">
            <RelativeTime timestamp={item.createdAt} />
          </span>
        </div>
        <p className="outbox-summary">{item.summary}</p>
        {item.lastError && (
          <p className="outbox-error">
            {t(item.state === 'failed' ? 'outbox.refused' : 'outbox.lastError', { message: item.lastError, attempts: item.attempts })}
          </p>
        )}
        {item.nextAttemptAt !== null && <NextAttempt at={item.nextAttemptAt} />}
      </div>
      {item.state !== 'sending' && (
        <button type="button" className="button outbox-retry" onClick={retry} disabled={retrying}>
          {t(item.state === 'failed' ? 'outbox.sendAgain' : 'outbox.sendNow')}
        </button>
      )}
    </li>
  );
}

/** "Retrying in 40 s", counting down; after that the flusher is on it. */
function NextAttempt({ at }: { at: number }) {
  const { t } = useI18n();
  const now = useNow(1_000);
  const seconds = Math.ceil((at - now) / 1000);
  return <p className="outbox-next">{seconds > 0 ? t('outbox.nextAttemptIn', { seconds }) : t('outbox.nextAttemptSoon')}</p>;
}
