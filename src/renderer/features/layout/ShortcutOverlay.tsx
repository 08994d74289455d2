import { useEffect, useRef } from 'react';
import { useI18n, type MessageKey } from '../../i18n';

const SHORTCUTS: Array<{ keys: string[][]; label: MessageKey }> = [
  { keys: [['Alt', '↑'], ['Alt', '↓']], label: 'shortcuts.prevNext' },
  { keys: [['Ctrl', '['], ['Ctrl', ']']], label: 'shortcuts.prevNext' },
  { keys: [['/'], ['Ctrl', 'K']], label: 'shortcuts.search' },
  { keys: [['Enter'], ['Ctrl', 'Enter']], label: 'shortcuts.send' },
  { keys: [['Shift', 'Enter']], label: 'shortcuts.newline' },
  { keys: [['Esc']], label: 'shortcuts.leave' },
  { keys: [['1'], ['2'], ['3']], label: 'shortcuts.suggestion' },
  { keys: [['0']], label: 'shortcuts.notThisOne' },
  { keys: [['O']], label: 'shortcuts.outbox' },
  { keys: [['Alt', 'C']], label: 'shortcuts.cart' },
  { keys: [['Esc']], label: 'shortcuts.cartLeave' },
  { keys: [['Alt', 'O'], ['Alt', 'Shift', 'O']], label: 'shortcuts.orders' },
  { keys: [['?']], label: 'shortcuts.help' },
];

export function Keys({ keys }: { keys: string[] }) {
  return (
    <span className="keys">
      {keys.map((key) => (
        <kbd key={key}>{key}</kbd>
      ))}
    </span>
  );
}

export function ShortcutOverlay({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const closeRef = useRef<HTMLButtonElement>(null);
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
            onClose();
          }
        }}
      >
        <h2 id="shortcut-title" className="dialog-title">
          {t('shortcuts.title')}
        </h2>
        <dl className="shortcut-list">
          {SHORTCUTS.map((shortcut, index) => (
            <div className="shortcut-row" key={index}>
              <dt>
                {shortcut.keys.map((keys, keysIndex) => (
                  <span key={keysIndex} className="shortcut-alternative">
                    {keysIndex > 0 && <span className="shortcut-or">{t('shortcuts.or')}</span>}
                    <Keys keys={keys} />
                  </span>
                ))}
              </dt>
              <dd>{t(shortcut.label)}</dd>
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
