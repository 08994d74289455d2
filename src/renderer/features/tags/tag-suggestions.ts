import { normaliseTagName } from '../../../shared/tags';
import type { ShopTag } from '../../../shared/ipc';

export type Suggestion = { kind: 'existing'; name: string; count: number } | { kind: 'create'; name: string };

export const MAX_SUGGESTIONS = 8;

/**
 * What the tag input offers for `typed`: the shop's tags containing it (most used first), without the
 * friend's own, and "create" when the typed name is new. Matching uses the shared normaliser, so
 * "ｖｉｐ" finds "VIP".
 */
export function tagSuggestions(typed: string, shop: readonly ShopTag[], friendKeys: ReadonlySet<string>): Suggestion[] {
  const normalised = normaliseTagName(typed);
  const needle = normalised.ok ? normalised.key : typed.trim().toLowerCase();
  const existing: Suggestion[] = shop
    .filter((tag) => !friendKeys.has(tag.key) && tag.key.includes(needle))
    .sort((a, b) => Number(b.key.startsWith(needle)) - Number(a.key.startsWith(needle)) || b.count - a.count)
    .slice(0, MAX_SUGGESTIONS)
    .map((tag) => ({ kind: 'existing', name: tag.name, count: tag.count }));
  const exact = normalised.ok && (shop.some((tag) => tag.key === normalised.key) || friendKeys.has(normalised.key));
  return normalised.ok && !exact ? [...existing, { kind: 'create', name: normalised.name }] : existing;
}
