import type { KeyPress } from '../../lib/key-press';

/** The parts of a keyboard event that pick a suggestion (DOM-free, so it can be unit-tested). */
export interface SuggestionKey extends KeyPress {
  /** Typing into a text field: plain digits belong to the text there. */
  inTextField: boolean;
}

/**
 * 1/2/3 pick a suggestion (0-based index) when focus is not in a text field; Alt+1/2/3 pick it from
 * anywhere, including the composer. Anything else: null.
 */
export function suggestionIndexFor(event: SuggestionKey, available: number): number | null {
  if (event.isComposing || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? (/^[1-9]$/.test(event.key) ? event.key : null);
  if (digit === null) return null;
  if (event.inTextField && !event.altKey) return null;
  const index = Number(digit) - 1;
  return index < Math.min(3, available) ? index : null;
}

/** What the composer holds after inserting `reply`: the reply alone, or after the agent's own draft. */
export function insertIntoDraft(draft: string, reply: string): string {
  if (draft.trim() === '') return reply;
  return `${draft.replace(/\s+$/, '')}\n${reply}`;
}

/**
 * "Not this one" for the first suggestion: 0 when focus is not in a text field, Alt+0 from anywhere (like
 * Alt+1–3), never while an IME is composing. The next suggestion moves up, so 0 again dismisses that one.
 */
export function isNotThisOneKey(event: SuggestionKey, available: number): boolean {
  if (available === 0 || event.isComposing || event.ctrlKey || event.metaKey || event.shiftKey) return false;
  if (event.code !== 'Digit0' && event.key !== '0') return false;
  return !event.inTextField || event.altKey;
}
