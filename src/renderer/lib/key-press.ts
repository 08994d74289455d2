import type { ShortcutKeyEvent } from '../../shared/desktop/shortcuts';

/**
 * The parts of a keyboard event that shortcuts are decided from, DOM-free so the decisions can be unit-tested.
 * `code` is the physical key: with Alt (Option) macOS types another character ("ç" for C, "ø" for O, "¡" for 1),
 * so Alt shortcuts look at the code as well as the key.
 */
export type KeyPress = Omit<ShortcutKeyEvent, 'keyCode'>;

/** Alt+<letter> (Shift allowed or not), never while an IME is composing. */
export function isAltLetter(event: KeyPress, letter: string, options: { shift: 'no' | 'any' } = { shift: 'no' }): boolean {
  if (event.isComposing || !event.altKey || event.ctrlKey || event.metaKey) return false;
  if (options.shift === 'no' && event.shiftKey) return false;
  return event.code === `Key${letter.toUpperCase()}` || event.key.toLowerCase() === letter.toLowerCase();
}
