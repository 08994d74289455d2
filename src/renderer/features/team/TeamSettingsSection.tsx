import { useEffect, useState } from 'react';
import { useToasts } from '../../components/Toasts';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { useWorkflowContext } from '../workflow/workflow-context';
import { isWelcomeValid, welcomeOf, WelcomeSetting, type WelcomeDraft } from './WelcomeSetting';

/** The inbox settings a lead saves for the team: the held-reply alert, round-robin assignment and the welcome. */
export function TeamSettingsSection() {
  const { t } = useI18n();
  const call = useCall();
  const { notifyError } = useToasts();
  const [saved, setSaved] = useState(false);
  const { settings, settingsVersion } = useWorkflowContext();
  const [minutes, setMinutes] = useState(String(settings.heldReplyAlertMinutes));
  const [roundRobin, setRoundRobin] = useState(settings.autoAssign === 'round_robin');
  const [welcome, setWelcome] = useState<WelcomeDraft>(() => ({ enabled: Boolean(settings.welcome), text: settings.welcome?.text ?? '' }));
  useEffect(() => {
    setMinutes(String(settings.heldReplyAlertMinutes));
    setRoundRobin(settings.autoAssign === 'round_robin');
    setWelcome({ enabled: Boolean(settings.welcome), text: settings.welcome?.text ?? '' });
  }, [settings]);
  const parsed = Number(minutes);
  const valid = Number.isInteger(parsed) && parsed >= 1 && parsed <= 1440 && isWelcomeValid(welcome);

  async function save() {
    const answer = await call('settings:save', {
      settings: { heldReplyAlertMinutes: parsed, autoAssign: roundRobin ? 'round_robin' : 'off', welcome: welcomeOf(welcome) },
      baseVersion: settingsVersion,
    });
    if (answer && !answer.ok) notifyError(t('team.failed', { message: answer.message }));
    setSaved(answer?.ok === true);
  }

  return (
    <section className="team-section" aria-labelledby="team-settings-title">
      <h2 id="team-settings-title">{t('team.settings')}</h2>
      <label className="field team-field">
        <span className="field-label">{t('team.settings.held')}</span>
        <input className="input" type="number" min={1} max={1440} value={minutes} aria-invalid={!valid} onChange={(event) => setMinutes(event.target.value)} />
      </label>
      <label className="team-checkbox">
        <input type="checkbox" checked={roundRobin} onChange={(event) => setRoundRobin(event.target.checked)} />
        {t('team.settings.autoAssign')}
      </label>
      <WelcomeSetting draft={welcome} onChange={setWelcome} />
      <button type="button" className="button button-primary" disabled={!valid} onClick={() => void save()}>
        {t('team.settings.save')}
      </button>
      {saved && (
        <span className="team-saved" role="status">
          {t('team.settings.saved')}
        </span>
      )}
    </section>
  );
}
