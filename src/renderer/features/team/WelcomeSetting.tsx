import { textLength } from '../../../shared/channels/capabilities';
import { WELCOME_TEXT_MAX } from '../../../shared/workflow/inbox-settings';
import { useI18n } from '../../i18n';

export interface WelcomeDraft {
  enabled: boolean;
  text: string;
}

/** The welcome as the settings save it: null when off. */
export function welcomeOf(draft: WelcomeDraft): { text: string } | null {
  return draft.enabled ? { text: draft.text } : null;
}

/** True when the draft can be saved: off, or a text of 1–5,000 LINE characters (UTF-16 units, as LINE counts). */
export function isWelcomeValid(draft: WelcomeDraft): boolean {
  if (!draft.enabled) return true;
  const length = textLength('line', draft.text);
  return draft.text.trim().length > 0 && length <= WELCOME_TEXT_MAX;
}

/**
 * The shop's welcome for new LINE friends (a lead's inbox setting): on/off and its text with LINE's count. The
 * relay sends it by itself, free with the follow's reply token, never while someone types there, never as a push.
 */
export function WelcomeSetting({ draft, onChange }: { draft: WelcomeDraft; onChange(draft: WelcomeDraft): void }) {
  const { t } = useI18n();
  const length = textLength('line', draft.text);
  const tooLong = length > WELCOME_TEXT_MAX;
  return (
    <fieldset className="team-welcome">
      <label className="team-checkbox">
        <input type="checkbox" checked={draft.enabled} onChange={(event) => onChange({ ...draft, enabled: event.target.checked })} />
        {t('team.settings.welcome')}
      </label>
      <label className="field team-field">
        <span className="field-label">{t('team.settings.welcome.text')}</span>
        <textarea
          className="input team-welcome-text"
          rows={4}
          value={draft.text}
          disabled={!draft.enabled}
          placeholder={t('team.settings.welcome.placeholder')}
          aria-invalid={draft.enabled && !isWelcomeValid(draft)}
          aria-describedby="team-welcome-hint"
          onChange={(event) => onChange({ ...draft, text: event.target.value })}
        />
      </label>
      <p className="team-welcome-hint" id="team-welcome-hint">
        <span className={`team-welcome-count${tooLong ? ' is-over' : ''}`}>{t('team.settings.welcome.count', { count: length, max: WELCOME_TEXT_MAX })}</span>
        <span>{t('team.settings.welcome.hint')}</span>
      </p>
    </fieldset>
  );
}
