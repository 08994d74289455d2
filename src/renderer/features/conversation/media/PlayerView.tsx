import type { MessageView } from '../../../../shared/ipc/views';
import { useI18n } from '../../../i18n';
import { MediaStatus, useMediaStatusText } from './MediaStatus';
import { useMessageMedia } from './useMessageMedia';

function duration(ms: number | undefined): string | null {
  if (ms === undefined) return null;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A video or voice message with the browser's own player (keyboard-operable controls). */
export function PlayerView({ message }: { message: MessageView }) {
  const { t } = useI18n();
  const media = useMessageMedia(message.id, 'full', message.content?.media !== undefined, message.content?.media?.url ?? '');
  const status = useMediaStatusText(message, media);
  const isVideo = message.kind === 'video';
  const label = t(isVideo ? 'media.video' : 'media.audio');
  const length = duration(message.content?.durationMs);
  return (
    <div className={`media-player media-player-${message.kind}`}>
      <div className="media-player-label">
        {label}
        {length && <span className="media-player-duration">{length}</span>}
      </div>
      {media.state === 'ready' ? (
        isVideo ? (
          <video controls preload="metadata" src={media.url} aria-label={label} />
        ) : (
          <audio controls preload="metadata" src={media.url} aria-label={label} />
        )
      ) : (
        <MediaStatus text={status ?? t('media.loading')} kind={message.mediaUnavailable ? 'problem' : 'pending'} />
      )}
    </div>
  );
}
