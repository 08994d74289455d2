import { zhTW } from './zh-TW';

export type MessageKey = keyof typeof zhTW;
/** A complete translation: the compiler rejects a language that misses or invents a key. */
export type Messages = { readonly [K in MessageKey]: string };
export type Language = 'zh-TW' | 'en';
export const LANGUAGES: readonly Language[] = ['zh-TW', 'en'];

/** Replaces `{name}` placeholders; numbers are grouped the way the language writes them (12,400). */
export function interpolate(template: string, values: Record<string, string | number> | undefined, language: Language): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? value.toLocaleString(language) : value;
  });
}

/** For keys built at run time (error codes): true when a translation exists. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhTW, key);
}
