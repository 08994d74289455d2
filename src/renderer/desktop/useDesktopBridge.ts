import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n';
import { useShortcutActions } from '../shortcuts/ShortcutProvider';
import { getDesktopShell } from './desktop-shell';
import { usePreferences } from './preferences';

/**
 * Keeps the desktop shell in step with the page: the language of its menus, the availability shown in the
 * tray (and changed from it), and menu items running the same actions as their keys.
 */
export function useDesktopBridge(): void {
  const { language } = useI18n();
  const { preferences, update } = usePreferences();
  const { run } = useShortcutActions();
  const shell = getDesktopShell();
  const latest = useRef({ run, update });
  latest.current = { run, update };

  useEffect(() => shell.setLanguage(language), [shell, language]);
  useEffect(() => shell.setAvailability(preferences.availability), [shell, preferences.availability]);
  useEffect(
    () =>
      shell.onCommand((command) => {
        if (command.type === 'shortcut') latest.current.run(command.id, 'menu');
        else if (command.type === 'availability') latest.current.update({ availability: command.availability });
      }),
    [shell],
  );
}
