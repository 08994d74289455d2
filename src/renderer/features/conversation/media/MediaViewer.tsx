import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { MessageView } from '../../../../shared/ipc/views';
import { useI18n } from '../../../i18n';
import { MediaStatus, useMediaStatusText } from './MediaStatus';
import { useMessageMedia } from './useMessageMedia';

/**
 * A photo full size over the whole app; Escape, the close button or a click outside closes it, and focus goes
 * back where it was. Rendered into document.body: inside the virtualised thread a row's transform would make
 * `position: fixed` cover only that row.
 */
export function MediaViewer({ message, onClose }: { message: MessageView; onClose(): void }) {
  const { t } = useI18n();
  const full = useMessageMedia(message.id, 'full', message.content?.media !== undefined, message.content?.media?.url ?? '');
  const status = useMediaStatusText(message, full);
  const closeRef = useRef<HTMLButtonElement>(null);
  // The latest onClose, so a parent re-rendering with a new function does not re-run the focus effect.
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onCloseRef.current();
      } else if (event.key === 'Tab') {
        // The close button is the dialog's only control: focus stays in the dialog (aria-modal).
        event.preventDefault();
        closeRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      opener?.focus();
    };
  }, []);
  return createPortal(
    <div className="media-viewer" role="dialog" aria-modal="true" aria-label={t('media.viewer.title')} onClick={onClose}>
      <button ref={closeRef} type="button" className="media-viewer-close" onClick={onClose} aria-label={t('media.viewer.close')}>
        ×
      </button>
      <div className="media-viewer-body" onClick={(event) => event.stopPropagation()}>
        {full.state === 'ready' ? <img src={full.url} alt={t('media.photo')} data-full-size="true" /> : <MediaStatus text={status ?? t('media.loading')} kind="pending" />}
      </div>
    </div>,
    document.body,
  );
}
