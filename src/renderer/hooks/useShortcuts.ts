import { useEffect, useRef } from 'react';
import { shortcutFor, type ShortcutAction } from './shortcut-keys';

/** Typing targets: plain keys belong to the text there. */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'button');
}

export function useShortcuts(handlers: Record<Exclude<ShortcutAction, null>, () => void>, enabled = true): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      const action = shortcutFor({
        key: event.key,
        altKey: event.altKey,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        shiftKey: event.shiftKey,
        isComposing: event.isComposing,
        inTextField: isTextField(event.target),
      });
      if (!action) return;
      event.preventDefault();
      latest.current[action]();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
