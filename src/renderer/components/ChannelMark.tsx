import type { Channel } from '../../shared/protocol/events';
import { useI18n } from '../i18n';

export function ChannelMark({ channel }: { channel: Channel }) {
  const { t } = useI18n();
  return <span className={`channel-mark channel-${channel}`}>{t(`channel.${channel}`)}</span>;
}
