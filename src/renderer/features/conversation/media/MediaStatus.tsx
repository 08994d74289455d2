import type { MessageView } from '../../../../shared/ipc/views';
import { useI18n } from '../../../i18n';
import type { MessageMediaState } from './useMessageMedia';

/** What to say while content is on its way, or why it will not come. null: nothing to say (it is shown). */
export function useMediaStatusText(message: MessageView, media: MessageMediaState): string | null {
  const { t } = useI18n();
  if (message.mediaUnavailable) return t(`media.unavailable.${message.mediaUnavailable}`);
  if (!message.content?.media) return t('media.downloading');
  if (media.state === 'loading' || media.state === 'idle') return t('media.loading');
  if (media.state === 'failed') {
    if (media.code === 'OFFLINE') return t('media.offline');
    if (media.code === 'NOT_READY') return t('media.downloading');
    return t('media.unavailable.failed');
  }
  return null;
}

export function MediaStatus({ text, kind }: { text: string; kind: 'pending' | 'problem' }) {
  return (
    <span className={`media-status media-status-${kind}`} role="status">
      {kind === 'pending' && <span className="media-spinner" aria-hidden="true" />}
      {text}
    </span>
  );
}
