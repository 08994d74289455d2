import type { messagingApi } from '@line/bot-sdk';
import type { ReplyItem } from '../../store/relay-store';
import { publicMediaUrls } from '../../media/public-media';

/**
 * LINE message objects for outgoing items (messaging-api.yml): text (with the quoted message's quoteToken), an
 * image by its public https URLs (originalContentUrl + previewImageUrl), a sticker, and a file — LINE has no file
 * message for bots, so its name and public link go as text. null when an item needs a public URL and the relay
 * has none (RELAY_PUBLIC_URL).
 */
export function lineMessageOf(item: ReplyItem, publicBaseUrl: string | null): messagingApi.Message | null {
  const quote = item.quoteToken ? { quoteToken: item.quoteToken } : {};
  const content = item.content;
  if (!content) return { type: 'text', text: item.text, ...quote };
  if (content.type === 'sticker') return { type: 'sticker', packageId: content.packageId, stickerId: content.stickerId, ...quote };
  if (!publicBaseUrl) return null;
  const urls = publicMediaUrls(publicBaseUrl, content);
  if (content.type === 'image') return { type: 'image', originalContentUrl: urls.url, previewImageUrl: urls.previewUrl };
  return { type: 'text', text: `📎 ${content.fileName}\n${urls.url}`, ...quote };
}
