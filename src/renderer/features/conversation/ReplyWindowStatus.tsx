import type { ChannelWindow } from '../../../shared/delivery/channel-window';
import { Countdown } from '../../components/Countdown';
import { useNow } from '../../hooks/useNow';
import { useI18n } from '../../i18n';
import { channelWindowStatus } from '../../lib/channel-window-text';
import { windowTickMs } from '../../lib/reply-mode';

/** LINE: a live countdown while a reply token is usable, the consequence once not. */
function LineWindowStatus({ openedAt }: { openedAt: number | null }) {
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

/** Messenger / Instagram: Meta's 24 h and 7-day windows; web chat: whether the visitor is there to see it. */
function OtherChannelWindowStatus({ window }: { window: ChannelWindow }) {
  const { t } = useI18n();
  const tick = windowTickMs(window);
  const now = useNow(tick ?? 60_000, tick !== null);
  const { text, tone } = channelWindowStatus(window, now, t);
  return (
    <span className={`window-status window-${tone}`} role="status" data-window-gate={window.gate}>
      {tone !== 'closed' && <span className="window-dot" aria-hidden="true" />}
      {text}
    </span>
  );
}

/** The header's reply-window state, by the conversation's channel rule. */
export function ReplyWindowStatus({ window }: { window: ChannelWindow }) {
  if (window.gate === 'reply_token') return <LineWindowStatus openedAt={window.tokenReceivedAt} />;
  return <OtherChannelWindowStatus window={window} />;
}

/** A LINE customer who blocked the account: no countdown, since no reply can reach them until they follow again. */
export function BlockedWindowStatus() {
  const { t } = useI18n();
  return (
    <span className="window-status window-closed window-blocked" role="status" data-window-blocked>
      {t('header.blocked')}
    </span>
  );
}
