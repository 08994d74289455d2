/**
 * Every keyboard shortcut of the app in one catalog: the renderer dispatches and lists them (the "?" overlay,
 * tooltips), and the Electron application menu shows them with the same keys. Pure data and matching, so
 * both processes and the unit tests share it.
 */

export type ShortcutId =
  | 'conversation.previous'
  | 'conversation.next'
  | 'conversation.nextUnanswered'
  | 'search'
  | 'composer.focus'
  | 'composer.send'
  | 'composer.newline'
  | 'composer.leave'
  | 'suggestion.pick'
  | 'suggestion.reject'
  | 'tags.add'
  | 'cart.toggle'
  | 'cart.leave'
  | 'orders.open'
  | 'orders.customer'
  | 'outbox.open'
  | 'conversation.markDone'
  | 'conversation.assignMe'
  | 'composer.noteMode'
  | 'help';

export interface KeyChord {
  /** `KeyboardEvent.key` (case-insensitive for letters). */
  key: string;
  /** Ctrl on Windows and Linux, ⌘ on macOS. */
  mod?: boolean;
  alt?: boolean;
  shift?: boolean;
}

export type ShortcutMenu = 'go' | 'conversation' | 'help';

export interface ShortcutDefinition {
  id: ShortcutId;
  /** Alternatives: any of them triggers the shortcut. */
  chords: readonly KeyChord[];
  /**
   * Who handles the key. `app`: the central dispatcher, when a feature registered a handler. `component`: a
   * component's own key handler (the composer's Enter, the suggestions' digits, the cart's Esc); listed only.
   */
  dispatch: 'app' | 'component';
  /** Where the Electron application menu shows it. */
  menu?: ShortcutMenu;
  /** Not shown anywhere until a feature registers a handler (an action that does not exist yet). */
  hiddenUntilRegistered?: boolean;
}

const alt = (key: string, more: Partial<KeyChord> = {}): KeyChord => ({ key, alt: true, ...more });
const mod = (key: string, more: Partial<KeyChord> = {}): KeyChord => ({ key, mod: true, ...more });
const plain = (key: string): KeyChord => ({ key });

export const SHORTCUTS: readonly ShortcutDefinition[] = [
  { id: 'conversation.previous', chords: [alt('ArrowUp'), mod('[')], dispatch: 'app', menu: 'go' },
  { id: 'conversation.next', chords: [alt('ArrowDown'), mod(']')], dispatch: 'app', menu: 'go' },
  { id: 'conversation.nextUnanswered', chords: [alt('ArrowDown', { shift: true }), alt('n'), mod('j')], dispatch: 'app', menu: 'go' },
  { id: 'search', chords: [mod('k'), plain('/')], dispatch: 'app', menu: 'go' },
  { id: 'composer.focus', chords: [plain('r')], dispatch: 'app', menu: 'conversation' },
  { id: 'composer.send', chords: [plain('Enter'), mod('Enter')], dispatch: 'component' },
  { id: 'composer.newline', chords: [{ key: 'Enter', shift: true }], dispatch: 'component' },
  { id: 'composer.leave', chords: [plain('Escape')], dispatch: 'component' },
  { id: 'suggestion.pick', chords: [plain('1'), plain('2'), plain('3'), alt('1')], dispatch: 'component' },
  { id: 'suggestion.reject', chords: [plain('0'), alt('0')], dispatch: 'component' },
  { id: 'tags.add', chords: [plain('t')], dispatch: 'app', menu: 'conversation' },
  { id: 'cart.toggle', chords: [alt('c')], dispatch: 'app', menu: 'conversation' },
  { id: 'cart.leave', chords: [plain('Escape')], dispatch: 'component' },
  { id: 'orders.open', chords: [alt('o')], dispatch: 'app', menu: 'go' },
  { id: 'orders.customer', chords: [alt('o', { shift: true })], dispatch: 'app', menu: 'conversation' },
  { id: 'outbox.open', chords: [plain('o')], dispatch: 'app', menu: 'go' },
  { id: 'conversation.assignMe', chords: [alt('a')], dispatch: 'app', menu: 'conversation' },
  { id: 'conversation.markDone', chords: [alt('d'), plain('e')], dispatch: 'app', menu: 'conversation' },
  { id: 'composer.noteMode', chords: [alt('m')], dispatch: 'app', menu: 'conversation' },
  { id: 'help', chords: [plain('?')], dispatch: 'app', menu: 'help' },
];

export function shortcutById(id: ShortcutId): ShortcutDefinition {
  const found = SHORTCUTS.find((shortcut) => shortcut.id === id);
  if (!found) throw new Error(`Unknown shortcut ${id}`);
  return found;
}

export function isShortcutId(value: unknown): value is ShortcutId {
  return typeof value === 'string' && SHORTCUTS.some((shortcut) => shortcut.id === value);
}

/** The parts of a keyboard event a shortcut is decided from (DOM-free). */
export interface ShortcutKeyEvent {
  key: string;
  /** The physical key: with Option, macOS types another character ("ç" for C), so letters match on the code too. */
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  /** True while an IME (注音, 倉頡, 拼音) composes: every key belongs to the composition. */
  isComposing: boolean;
  /** 229: the key went to the IME (Chromium reports it for the keydown that starts a composition, too). */
  keyCode: number;
}

/** A key producing a symbol ("?", "/") may need Shift on one keyboard layout and not on another. */
function isSymbol(key: string): boolean {
  return key.length === 1 && !/[a-z0-9]/i.test(key);
}

function keyMatches(event: ShortcutKeyEvent, chord: KeyChord): boolean {
  const wanted = chord.key.toLowerCase();
  if (event.key.toLowerCase() === wanted) return true;
  if (/^[a-z]$/.test(wanted)) return event.code === `Key${wanted.toUpperCase()}`;
  if (/^[0-9]$/.test(wanted)) return event.code === `Digit${wanted}`;
  return false;
}

export function chordMatches(event: ShortcutKeyEvent, chord: KeyChord): boolean {
  if (event.isComposing || event.keyCode === 229) return false;
  const command = event.ctrlKey || event.metaKey;
  if (command !== Boolean(chord.mod) || event.altKey !== Boolean(chord.alt)) return false;
  if (!isSymbol(chord.key) && event.shiftKey !== Boolean(chord.shift)) return false;
  // Alt+letter on macOS types a character: compare the physical key; plain letters must be the typed letter.
  if (!chord.alt && !chord.mod && /^[a-z]$/i.test(chord.key)) return event.key.toLowerCase() === chord.key.toLowerCase();
  return keyMatches(event, chord);
}

/** A chord without Ctrl/⌘ or Alt types text: it never fires from a text field. */
export function firesInTextFields(chord: KeyChord): boolean {
  return Boolean(chord.mod || chord.alt);
}

/** The app-dispatched shortcut this key press means, or null. Never while an IME composes. */
export function shortcutForKey(
  event: ShortcutKeyEvent,
  context: { inTextField: boolean; isAvailable(id: ShortcutId): boolean },
): ShortcutId | null {
  if (event.isComposing || event.keyCode === 229) return null;
  for (const shortcut of SHORTCUTS) {
    if (shortcut.dispatch !== 'app' || !context.isAvailable(shortcut.id)) continue;
    const chord = shortcut.chords.find((candidate) => chordMatches(event, candidate));
    if (!chord || (context.inTextField && !firesInTextFields(chord))) continue;
    return shortcut.id;
  }
  return null;
}

export type KeyPlatform = 'mac' | 'other';

const KEY_NAMES: Record<string, { mac: string; other: string }> = {
  ArrowUp: { mac: '↑', other: '↑' },
  ArrowDown: { mac: '↓', other: '↓' },
  Enter: { mac: 'Return', other: 'Enter' },
  Escape: { mac: 'Esc', other: 'Esc' },
};

/** The keys of a chord as shown to the agent: ["Ctrl", "K"] or ["⌘", "K"]. */
export function chordLabels(chord: KeyChord, platform: KeyPlatform): string[] {
  const labels: string[] = [];
  if (chord.mod) labels.push(platform === 'mac' ? '⌘' : 'Ctrl');
  if (chord.alt) labels.push(platform === 'mac' ? '⌥' : 'Alt');
  if (chord.shift) labels.push(platform === 'mac' ? '⇧' : 'Shift');
  const name = KEY_NAMES[chord.key]?.[platform] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
  labels.push(name);
  return labels;
}

/** "Ctrl+K" / "⌘K": for tooltips. */
export function chordText(chord: KeyChord, platform: KeyPlatform): string {
  return chordLabels(chord, platform).join(platform === 'mac' ? '' : '+');
}

const ACCELERATOR_KEYS: Record<string, string> = { ArrowUp: 'Up', ArrowDown: 'Down', Escape: 'Esc', Enter: 'Return' };

/** Electron's accelerator syntax ("CmdOrCtrl+K", "Alt+Shift+Down"). */
export function chordAccelerator(chord: KeyChord): string {
  const parts: string[] = [];
  if (chord.mod) parts.push('CmdOrCtrl');
  if (chord.alt) parts.push('Alt');
  if (chord.shift) parts.push('Shift');
  parts.push(ACCELERATOR_KEYS[chord.key] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key));
  return parts.join('+');
}
