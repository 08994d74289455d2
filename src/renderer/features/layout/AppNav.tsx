import { useI18n, type MessageKey } from '../../i18n';

/** The app's main views; features add theirs here. */
export type AppView = 'inbox' | 'orders' | 'rules' | 'reports' | 'lead' | 'team';

const VIEWS: ReadonlyArray<{ view: AppView; label: MessageKey; leadOnly?: boolean }> = [
  { view: 'inbox', label: 'nav.inbox' },
  { view: 'orders', label: 'nav.orders' },
  { view: 'rules', label: 'nav.rules' },
  { view: 'reports', label: 'nav.reports' },
  // The relay refuses lead actions to agents anyway; agents simply do not see the workspace.
  { view: 'lead', label: 'nav.lead', leadOnly: true },
  { view: 'team', label: 'nav.team', leadOnly: true },
];

export function AppNav({ view, onChange, isLead }: { view: AppView; onChange(view: AppView): void; isLead: boolean }) {
  const { t } = useI18n();
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      {VIEWS.filter((item) => isLead || !item.leadOnly).map((item) => (
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
