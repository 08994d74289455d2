import { useEffect, useState } from 'react';
import { useInboxApi } from '../../../api/api-context';
import { base64ToBytes, cachedObjectUrl, rememberObjectUrl } from './media-urls';

export type MediaVariant = 'full' | 'preview' | 'sticker';

export type MessageMediaState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ready'; url: string; contentType: string }
  | { state: 'failed'; code: string };

/**
 * The content of a message as an object URL for <img>/<video>/<audio>/download, loaded through the core's
 * `media:load` (its bounded cache works offline). `key` changes (media arrived) load it again.
 */
export function useMessageMedia(messageId: string, variant: MediaVariant, enabled: boolean, key: string): MessageMediaState {
  const api = useInboxApi();
  const cacheKey = `${messageId}\u0000${variant}\u0000${key}`;
  const [media, setMedia] = useState<MessageMediaState>(() => {
    const cached = cachedObjectUrl(cacheKey);
    return cached ? { state: 'ready', ...cached } : { state: enabled ? 'loading' : 'idle' };
  });

  useEffect(() => {
    if (!enabled) {
      setMedia({ state: 'idle' });
      return;
    }
    const cached = cachedObjectUrl(cacheKey);
    if (cached) {
      setMedia({ state: 'ready', ...cached });
      return;
    }
    let live = true;
    setMedia({ state: 'loading' });
    api
      .invoke('media:load', { messageId, variant })
      .then((result) => {
        if (!live) return;
        if (!result.ok) return setMedia({ state: 'failed', code: result.code });
        setMedia({ state: 'ready', ...rememberObjectUrl(cacheKey, base64ToBytes(result.dataBase64), result.contentType) });
      })
      .catch(() => live && setMedia({ state: 'failed', code: 'OFFLINE' }));
    return () => {
      live = false;
    };
  }, [api, cacheKey, enabled, messageId, variant]);
  return media;
}
