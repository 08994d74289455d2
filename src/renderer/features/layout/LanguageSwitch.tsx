import { LANGUAGES, useI18n, type Language } from '../../i18n';

const LABELS: Record<Language, string> = { 'zh-TW': '中文', en: 'EN' };

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <div className="segmented" role="group" aria-label={t('topbar.language')}>
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="button"
          className={option === language ? 'segmented-item is-active' : 'segmented-item'}
          aria-pressed={option === language}
          onClick={() => setLanguage(option)}
          lang={option}
        >
          {LABELS[option]}
        </button>
      ))}
    </div>
  );
}
