import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n';
import { getDesktopShell } from './desktop-shell';
import { usePreferences } from './preferences';

/** The top bar's bell: availability, do-not-disturb, sound, the send key, start at login, browser permission. */
export function DesktopPreferencesButton() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const { preferences } = usePreferences();
  const quiet = preferences.doNotDisturb || preferences.availability === 'away';
  return (
    <>
      <button
        type="button"
        className={`icon-button prefs-button${quiet ? ' is-quiet' : ''}`}
        onClick={() => setOpen(true)}
        title={t('prefs.open')}
        aria-label={t('prefs.open')}
        data-preferences
      >
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M8 2a4 4 0 0 0-4 4v2.6L2.6 11h10.8L12 8.6V6a4 4 0 0 0-4-4Zm-1.6 10.5a1.7 1.7 0 0 0 3.2 0Z" fill="currentColor" />
        </svg>
        {quiet && <span className="prefs-quiet-dot" aria-hidden="true" />}
      </button>
      {open && <DesktopPreferencesDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function DesktopPreferencesDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { preferences, update } = usePreferences();
  const shell = getDesktopShell();
  const [permission, setPermission] = useState(() => shell.notificationPermission());
  const [startAtLogin, setStartAtLogin] = useState<boolean | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
    void shell.startAtLogin?.get().then(setStartAtLogin);
  }, [shell]);

  return (
    <div className="overlay" role="presentation" onMouseDown={onClose}>
      <div
        className="dialog prefs-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="prefs-title"
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={(event) => event.key === 'Escape' && onClose()}
      >
        <h2 id="prefs-title" className="dialog-title">
          {t('prefs.title')}
        </h2>
        <fieldset className="prefs-group">
          <legend>{t('prefs.availability')}</legend>
          {(['online', 'away'] as const).map((availability) => (
            <label key={availability} className="prefs-option">
              <input type="radio" name="availability" checked={preferences.availability === availability} onChange={() => update({ availability })} />
              {t(availability === 'online' ? 'prefs.online' : 'prefs.away')}
            </label>
          ))}
        </fieldset>
        <label className="prefs-option">
          <input type="checkbox" checked={preferences.doNotDisturb} onChange={(event) => update({ doNotDisturb: event.target.checked })} />
          {t('prefs.dnd')}
        </label>
        <label className="prefs-option">
          <input type="checkbox" checked={preferences.sound} onChange={(event) => update({ sound: event.target.checked })} />
          {t('prefs.sound')}
        </label>
        {startAtLogin !== null && (
          <label className="prefs-option">
            <input
              type="checkbox"
              checked={startAtLogin}
              onChange={(event) => {
                const enabled = event.target.checked;
                setStartAtLogin(enabled);
                void shell.startAtLogin?.set(enabled);
              }}
            />
            {t('prefs.startAtLogin')}
          </label>
        )}
        <fieldset className="prefs-group">
          <legend>{t('prefs.sendKey')}</legend>
          {(['enter', 'ctrlEnter'] as const).map((sendKey) => (
            <label key={sendKey} className="prefs-option">
              <input type="radio" name="sendKey" checked={preferences.sendKey === sendKey} onChange={() => update({ sendKey })} />
              {t(sendKey === 'enter' ? 'prefs.sendKey.enter' : 'prefs.sendKey.ctrlEnter')}
            </label>
          ))}
        </fieldset>
        {permission === 'unsupported' && <p className="prefs-note">{t('prefs.notifications.unsupported')}</p>}
        {permission === 'denied' && <p className="prefs-note is-warning">{t('prefs.notifications.denied')}</p>}
        {permission === 'default' && (
          <button type="button" className="button" onClick={() => void shell.requestNotificationPermission().then(setPermission)}>
            {t('prefs.notifications.ask')}
          </button>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-primary" ref={closeRef} onClick={onClose}>
            {t('prefs.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
