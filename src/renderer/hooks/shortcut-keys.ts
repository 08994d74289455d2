/** App-wide shortcuts, decided from the key alone (DOM-free so it can be unit-tested). */
export type ShortcutAction = 'previous' | 'next' | 'search' | 'help' | null;

export interface ShortcutKey {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  isComposing: boolean;
  /** Typing into a field: plain keys like "/" and "?" belong to the text there. */
  inTextField: boolean;
}

export function shortcutFor(event: ShortcutKey): ShortcutAction {
  if (event.isComposing) return null;
  const command = event.ctrlKey || event.metaKey;
  if (event.altKey && !command && event.key === 'ArrowUp') return 'previous';
  if (event.altKey && !command && event.key === 'ArrowDown') return 'next';
  if (command && !event.altKey && event.key === '[') return 'previous';
  if (command && !event.altKey && event.key === ']') return 'next';
  if (command && !event.altKey && event.key.toLowerCase() === 'k') return 'search';
  if (event.inTextField || command || event.altKey) return null;
  if (event.key === '/') return 'search';
  if (event.key === '?') return 'help';
  return null;
}
