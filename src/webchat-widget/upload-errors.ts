import type { ShopInboxChatError } from './chat-error';
import type { WidgetTranslate } from './i18n';

/** What the visitor reads when a photo or file did not go out, in the page's language. */
export function uploadErrorText(error: ShopInboxChatError, t: WidgetTranslate): string {
  switch (error.code) {
    case 'TOO_LARGE':
      return t('uploadTooLarge');
    case 'UNSUPPORTED_TYPE':
      return t('uploadType');
    case 'RATE_LIMITED':
      return t('uploadRateLimited');
    case 'STORAGE_FULL':
      return t('uploadStorageFull');
    default:
      return t('uploadFailed', { reason: error.message });
  }
}
