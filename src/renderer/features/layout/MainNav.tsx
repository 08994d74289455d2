import { useI18n } from '../../i18n';

/** The app's main views; other features add theirs here. */
export type MainView = 'inbox' | 'reports';

export function MainNav({ view, onViewChange }: { view: MainView; onViewChange(view: MainView): void }) {
  const { t } = useI18n();
  const items: { id: MainView; label: string }[] = [
    { id: 'inbox', label: t('nav.inbox') },
    { id: 'reports', label: t('nav.reports') },
  ];
  return (
    <nav className="main-nav" aria-label={t('app.name')}>
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          className={`main-nav-item${item.id === view ? ' is-active' : ''}`}
          aria-current={item.id === view ? 'page' : undefined}
          onClick={() => onViewChange(item.id)}
        >
          {item.label}
        </button>
      ))}
    </nav>
  );
}
