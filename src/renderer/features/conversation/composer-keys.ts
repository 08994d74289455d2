/** The parts of a keyboard event the composer decides on (DOM-free, so it can be unit-tested). */
export interface ComposerKey {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True while an IME (注音, 倉頡, pinyin) is composing: Enter then picks a candidate, it must not send. */
  isComposing: boolean;
  /** 229 is what browsers report for keys that belong to an IME composition. */
  keyCode: number;
}

export type ComposerAction = 'send' | 'leave' | 'none';

/** `sendKey`: the agent's setting — Enter sends (Shift+Enter adds a line), or Ctrl/⌘+Enter sends (Enter adds a line). */
export function composerActionFor(event: ComposerKey, sendKey: 'enter' | 'ctrlEnter' = 'enter'): ComposerAction {
  if (event.isComposing || event.keyCode === 229) return 'none';
  if (event.key === 'Escape') return 'leave';
  if (event.key !== 'Enter') return 'none';
  if (event.ctrlKey || event.metaKey) return 'send';
  if (event.shiftKey || event.altKey || sendKey === 'ctrlEnter') return 'none';
  return 'send';
}
