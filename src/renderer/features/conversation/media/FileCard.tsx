import type { MessageView } from '../../../../shared/ipc/views';
import { CustomerText } from '../../../components/CustomerText';
import { useI18n } from '../../../i18n';
import { MediaStatus, useMediaStatusText } from './MediaStatus';
import { useMessageMedia } from './useMessageMedia';
import { MediaIcon } from './MediaIcon';

/** 1.2 MB / 340 KB, the way both languages write file sizes. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A file the customer sent: its name, size and a button that saves it (the content comes from the core). */
export function FileCard({ message }: { message: MessageView }) {
  const { t } = useI18n();
  const name = message.content?.file?.name ?? t('media.file.save');
  const size = message.content?.media?.size ?? message.content?.file?.size;
  const media = useMessageMedia(message.id, 'full', message.content?.media !== undefined, message.content?.media?.url ?? '');
  const status = useMediaStatusText(message, media);
  return (
    <div className="file-card">
      <span className="file-card-icon">
        <MediaIcon name="file" />
      </span>
      <span className="file-card-text">
        <span className="file-card-name">
          <CustomerText text={name} />
        </span>
        {size !== undefined && <span className="file-card-size">{formatFileSize(size)}</span>}
        {media.state !== 'ready' && status && <MediaStatus text={status} kind={message.mediaUnavailable ? 'problem' : 'pending'} />}
      </span>
      {media.state === 'ready' && (
        <a className="button file-card-save" href={media.url} download={name} aria-label={t('media.file.saveLabel', { name })}>
          {t('media.file.save')}
        </a>
      )}
    </div>
  );
}
