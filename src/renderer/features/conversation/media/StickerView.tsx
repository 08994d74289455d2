import type { MessageView } from '../../../../shared/ipc/views';
import { showUnsafeCharacters } from '../../../../shared/text/unsafe-characters';
import { CustomerText } from '../../../components/CustomerText';
import { useI18n } from '../../../i18n';
import { useMessageMedia } from './useMessageMedia';
import { MediaIcon } from './MediaIcon';

/**
 * A sticker as its image (LINE's, cached by the core) with its keywords as alt text; a message sticker's typed words
 * are shown under it — they are the message's text. Without the image, the keywords say what it was.
 */
export function StickerView({ message }: { message: MessageView }) {
  const { t } = useI18n();
  const sticker = message.content?.sticker;
  const image = useMessageMedia(message.id, 'sticker', sticker !== undefined, sticker?.stickerId ?? '');
  if (!sticker) return null;
  const keywords = sticker.keywords?.join('、') ?? '';
  const alt = keywords ? t('media.sticker.alt', { keywords: showUnsafeCharacters(keywords) }) : t('media.sticker');
  return (
    <div className="sticker-view" data-sticker-id={sticker.stickerId}>
      {image.state === 'ready' ? (
        <img className="sticker-image" src={image.url} alt={alt} />
      ) : (
        <span className="sticker-placeholder" role="img" aria-label={alt}>
          <MediaIcon name="sticker" />
          <span className="sticker-placeholder-text">
            <span className="sticker-placeholder-label">{t('media.sticker')}</span>
            {keywords && <CustomerText text={keywords} />}
          </span>
        </span>
      )}
      {sticker.text && (
        <span className="sticker-text">
          <CustomerText text={sticker.text} />
        </span>
      )}
    </div>
  );
}
