import { useI18n } from '../../i18n';

export type AppView = 'inbox' | 'lead';

/** App navigation between views; the lead workspace tab exists only for team leads. */
export function ViewTabs({ view, onChange, isLead }: { view: AppView; onChange(view: AppView): void; isLead: boolean }) {
  const { t } = useI18n();
  if (!isLead) return null;
  const tabs: Array<{ id: AppView; label: string }> = [
    { id: 'inbox', label: t('nav.inbox') },
    { id: 'lead', label: t('nav.lead') },
  ];
  return (
    <nav className="view-tabs" aria-label={t('nav.label')}>
      {tabs.map((tab) => (
        <button key={tab.id} type="button" className={`view-tab${view === tab.id ? ' is-active' : ''}`} aria-current={view === tab.id ? 'page' : undefined} onClick={() => onChange(tab.id)}>
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
