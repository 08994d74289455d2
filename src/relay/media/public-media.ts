import type { OutboundContent } from '../store/media-store-types';

/** The path under which uploaded photos and files are public (platforms fetch them by URL, without credentials). */
export const PUBLIC_MEDIA_PREFIX = '/public/media/';

/** Where LINE and Meta fetch an uploaded file: RELAY_PUBLIC_URL + /public/media/<publicId>[/preview]. */
export function publicMediaUrls(publicBaseUrl: string, content: Extract<OutboundContent, { type: 'image' | 'file' }>): { url: string; previewUrl: string } {
  const url = `${publicBaseUrl}${PUBLIC_MEDIA_PREFIX}${content.publicId}`;
  return { url, previewUrl: content.type === 'image' && content.previewContentType ? `${url}/preview` : url };
}
