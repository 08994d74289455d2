import { useEffect, useRef } from 'react';
import { chordLabels, type KeyChord, type ShortcutDefinition } from '../../../shared/desktop/shortcuts';
import { usePreferences, type Preferences } from '../../desktop/preferences';
import { useI18n } from '../../i18n';
import { keyPlatform } from '../../shortcuts/key-platform';
import { useShortcutActions, visibleShortcuts } from '../../shortcuts/ShortcutProvider';

export function Keys({ keys }: { keys: string[] }) {
  return (
    <span className="keys">
      {keys.map((key) => (
        <kbd key={key}>{key}</kbd>
      ))}
    </span>
  );
}

/** The send and new-line keys follow the agent's setting (Enter or Ctrl+Enter sends). */
export function chordsShown(shortcut: ShortcutDefinition, preferences: Pick<Preferences, 'sendKey'>): readonly KeyChord[] {
  if (preferences.sendKey !== 'ctrlEnter') return shortcut.chords;
  if (shortcut.id === 'composer.send') return [{ key: 'Enter', mod: true }];
  if (shortcut.id === 'composer.newline') return [{ key: 'Enter' }, { key: 'Enter', shift: true }];
  return shortcut.chords;
}

/** Every shortcut of the app, from the one catalog (src/shared/desktop/shortcuts.ts). */
export function ShortcutOverlay({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { preferences } = usePreferences();
  const { isRegistered } = useShortcutActions();
  const closeRef = useRef<HTMLButtonElement>(null);
  const platform = keyPlatform();
  useEffect(() => closeRef.current?.focus(), []);
  return (
    <div className="overlay" role="presentation" onMouseDown={onClose}>
      <div
        className="dialog shortcut-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcut-title"
        onMouseDown={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape' || event.key === '?') {
            event.preventDefault();
            event.stopPropagation();
            onClose();
          }
        }}
      >
        <h2 id="shortcut-title" className="dialog-title">
          {t('shortcuts.title')}
        </h2>
        <dl className="shortcut-list">
          {visibleShortcuts(isRegistered).map((shortcut) => (
            <div className="shortcut-row" key={shortcut.id} data-shortcut={shortcut.id}>
              <dt>
                {chordsShown(shortcut, preferences).map((chord, index) => (
                  <span key={index} className="shortcut-alternative">
                    {index > 0 && <span className="shortcut-or">{t('shortcuts.or')}</span>}
                    <Keys keys={chordLabels(chord, platform)} />
                  </span>
                ))}
              </dt>
              <dd>{t(`shortcut.${shortcut.id}`)}</dd>
            </div>
          ))}
        </dl>
        <div className="dialog-actions">
          <button type="button" className="button" ref={closeRef} onClick={onClose}>
            {t('shortcuts.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
