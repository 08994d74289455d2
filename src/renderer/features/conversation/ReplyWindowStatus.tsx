import { Countdown } from '../../components/Countdown';
import { useI18n } from '../../i18n';

/** The header's free-reply state: a live countdown while a reply token is usable, the consequence once not. */
export function ReplyWindowStatus({ openedAt }: { openedAt: number | null }) {
  const { t } = useI18n();
  return (
    <Countdown openedAt={openedAt}>
      {(time, tone) =>
        tone === 'closed' ? (
          <span className="window-status window-closed" role="status">
            {t('reply.window.closed')}
          </span>
        ) : (
          <span className={`window-status window-${tone}`} role="timer">
            <span className="window-dot" aria-hidden="true" />
            {t('reply.window.open', { time })}
          </span>
        )
      }
    </Countdown>
  );
}
