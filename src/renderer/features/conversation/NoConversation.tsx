import { useI18n } from '../../i18n';
import { Keys } from '../layout/ShortcutOverlay';

export function NoConversation() {
  const { t } = useI18n();
  return (
    <section className="no-conversation">
      <svg viewBox="0 0 64 64" width="64" height="64" aria-hidden="true">
        <rect x="6" y="12" width="44" height="32" rx="10" fill="#E8F8EF" />
        <path d="M16 44v9l11-9" fill="#E8F8EF" />
        <rect x="16" y="22" width="24" height="4" rx="2" fill="#06C755" />
        <rect x="16" y="31" width="16" height="4" rx="2" fill="#9BE3BC" />
      </svg>
      <h2>{t('conversation.empty.title')}</h2>
      <p>{t('conversation.empty.body')}</p>
      <ul className="hint-list">
        <li>
          <Keys keys={['Alt', '↑']} />
          <Keys keys={['Alt', '↓']} />
          <span>{t('shortcuts.prevNext')}</span>
        </li>
        <li>
          <Keys keys={['/']} />
          <span>{t('shortcuts.search')}</span>
        </li>
        <li>
          <Keys keys={['?']} />
          <span>{t('shortcuts.help')}</span>
        </li>
      </ul>
    </section>
  );
}
