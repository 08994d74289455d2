import { useI18n } from '../i18n';
import { usePreferences } from './preferences';

/** Mutes one conversation's notifications on this computer (it still counts as unread). */
export function MuteButton({ conversationId }: { conversationId: string }) {
  const { t } = useI18n();
  const { preferences, toggleMute } = usePreferences();
  const muted = preferences.mutedConversations.includes(conversationId);
  const label = t(muted ? 'mute.unmute' : 'mute.mute');
  return (
    <button
      type="button"
      className={`icon-button mute-button${muted ? ' is-muted' : ''}`}
      aria-pressed={muted}
      aria-label={label}
      title={label}
      onClick={() => toggleMute(conversationId)}
      data-mute
    >
      <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M8 2a4 4 0 0 0-4 4v2.6L2.6 11h10.8L12 8.6V6a4 4 0 0 0-4-4Zm-1.6 10.5a1.7 1.7 0 0 0 3.2 0Z" fill="currentColor" />
        {muted && <path d="M2.5 2.5 13.5 13.5" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />}
      </svg>
    </button>
  );
}
