import { useI18n, type MessageKey } from '../../i18n';

/** The app's main views; features add theirs here. */
export type AppView = 'inbox' | 'rules' | 'reports';

const VIEWS: ReadonlyArray<{ view: AppView; label: MessageKey }> = [
  { view: 'inbox', label: 'nav.inbox' },
  { view: 'rules', label: 'nav.rules' },
  { view: 'reports', label: 'nav.reports' },
];

export function AppNav({ view, onChange }: { view: AppView; onChange(view: AppView): void }) {
  const { t } = useI18n();
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      {VIEWS.map((item) => (
        <button
          key={item.view}
          type="button"
          className={`app-nav-item${item.view === view ? ' is-active' : ''}`}
          aria-current={item.view === view ? 'page' : undefined}
          onClick={() => onChange(item.view)}
        >
          {t(item.label)}
        </button>
      ))}
    </nav>
  );
}
