import { useState } from 'react';
import type { MessageView } from '../../../../shared/ipc/views';
import { useI18n } from '../../../i18n';
import { MediaStatus, useMediaStatusText } from './MediaStatus';
import { MediaViewer } from './MediaViewer';
import { useMessageMedia } from './useMessageMedia';

/** One photo as a thumbnail (its preview when the relay has one); a click or Enter opens it full size. */
export function PhotoThumb({ message }: { message: MessageView }) {
  const { t } = useI18n();
  const ready = message.content?.media !== undefined;
  const thumb = useMessageMedia(message.id, 'preview', ready, message.content?.media?.previewUrl ?? message.content?.media?.url ?? '');
  const status = useMediaStatusText(message, thumb);
  const [open, setOpen] = useState(false);
  if (thumb.state !== 'ready') {
    return (
      <div className="photo-thumb photo-thumb-empty" data-media-state={message.mediaUnavailable ? 'unavailable' : 'pending'}>
        <MediaStatus text={status ?? t('media.loading')} kind={message.mediaUnavailable ? 'problem' : 'pending'} />
      </div>
    );
  }
  return (
    <>
      <button type="button" className="photo-thumb" onClick={() => setOpen(true)} aria-label={t('media.photo.open')} data-media-state="ready">
        <img src={thumb.url} alt={t('media.photo')} loading="lazy" />
      </button>
      {open && <MediaViewer message={message} onClose={() => setOpen(false)} />}
    </>
  );
}

/** Several photos sent together (one LINE imageSet) as one grid. */
export function PhotoSet({ messages }: { messages: readonly MessageView[] }) {
  const { t } = useI18n();
  return (
    <div className="photo-set" role="group" aria-label={t('media.photoSet', { count: messages.length })} data-photo-count={messages.length}>
      {messages.map((message) => (
        <PhotoThumb key={message.id} message={message} />
      ))}
    </div>
  );
}
