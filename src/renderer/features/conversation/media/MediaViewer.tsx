import { useEffect, useRef } from 'react';
import type { MessageView } from '../../../../shared/ipc/views';
import { useI18n } from '../../../i18n';
import { MediaStatus, useMediaStatusText } from './MediaStatus';
import { useMessageMedia } from './useMessageMedia';

/** A photo full size over the app; Escape, the close button or a click outside closes it. */
export function MediaViewer({ message, onClose }: { message: MessageView; onClose(): void }) {
  const { t } = useI18n();
  const full = useMessageMedia(message.id, 'full', message.content?.media !== undefined, message.content?.media?.url ?? '');
  const status = useMediaStatusText(message, full);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
  return (
    <div className="media-viewer" role="dialog" aria-modal="true" aria-label={t('media.viewer.title')} onClick={onClose}>
      <button ref={closeRef} type="button" className="media-viewer-close" onClick={onClose} aria-label={t('media.viewer.close')}>
        ×
      </button>
      <div className="media-viewer-body" onClick={(event) => event.stopPropagation()}>
        {full.state === 'ready' ? <img src={full.url} alt={t('media.photo')} data-full-size="true" /> : <MediaStatus text={status ?? t('media.loading')} kind="pending" />}
      </div>
    </div>
  );
}
