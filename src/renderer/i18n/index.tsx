import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { LANGUAGES, type Language } from './messages';
import { createTranslator, type Translate } from './translate';

export type { Language, MessageKey } from './messages';
export { LANGUAGES, isMessageKey } from './messages';
export { createTranslator, type Translate } from './translate';

// A UI preference, not a secret: fine to keep in localStorage.
const LANGUAGE_STORAGE_KEY = 'shop-inbox.language';

interface I18nValue {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return LANGUAGES.find((language) => language === stored) ?? 'zh-TW';
  } catch {
    return 'zh-TW';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(readStoredLanguage);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    document.documentElement.lang = next;
    try {
      window.localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    } catch {
      // Storage can be unavailable (private mode); the choice then lasts for this window only.
    }
  }, []);
  const value = useMemo(() => ({ language, setLanguage, t: createTranslator(language) }), [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
