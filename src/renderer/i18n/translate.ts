import { en } from './en';
import { interpolate, type Language, type MessageKey, type Messages } from './messages';
import { zhTW } from './zh-TW';

const CATALOGS: Record<Language, Messages> = { 'zh-TW': zhTW, en };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function createTranslator(language: Language): Translate {
  const catalog = CATALOGS[language];
  return (key, values) => interpolate(catalog[key], values, language);
}
