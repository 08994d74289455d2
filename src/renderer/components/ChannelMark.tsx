import type { Channel } from '../../shared/protocol/events';
import { useI18n } from '../i18n';

/**
 * The conversation's channel as a small coloured label. The name is always written out, so the channels differ
 * by text as well as colour (LINE green, Messenger blue, Instagram's gradient, web chat grey).
 */
export function ChannelMark({ channel }: { channel: Channel }) {
  const { t } = useI18n();
  return (
    <span className={`channel-mark channel-${channel}`} data-channel={channel}>
      {t(`channel.${channel}`)}
    </span>
  );
}
