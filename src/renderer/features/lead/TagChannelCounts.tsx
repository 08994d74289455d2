import type { ChannelCounts } from '../../../shared/ipc';
import { useI18n } from '../../i18n';
import { CHANNEL_FILTER_ORDER } from '../../lib/channel-filter';

/** A tag's members per channel, for the lead ("LINE 12 位 · Messenger 3 位 …"); channels without members are left out. */
export function TagChannelCounts({ counts }: { counts: ChannelCounts }) {
  const { t } = useI18n();
  const present = CHANNEL_FILTER_ORDER.filter((channel) => counts[channel] > 0);
  if (present.length === 0) return null;
  return (
    <p className="lead-channel-counts" aria-label={t('lead.channels')}>
      {present.map((channel) => (
        <span key={channel} className={`lead-channel-count lead-channel-${channel}`} data-lead-channel={channel}>
          <span className={`channel-pill-dot channel-${channel}`} aria-hidden="true" />
          {t('lead.channels.count', { channel: t(`channel.${channel}`), count: counts[channel] })}
        </span>
      ))}
    </p>
  );
}
