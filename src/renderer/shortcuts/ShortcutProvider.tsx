import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { SHORTCUTS, chordText, shortcutById, shortcutForKey, type ShortcutDefinition, type ShortcutId } from '../../shared/desktop/shortcuts';
import { isTextField } from '../hooks/useShortcuts';
import { keyPlatform } from './key-platform';

/**
 * The shortcut registry: features register what a shortcut does (`useShortcut`), one window listener
 * dispatches keys by the catalog in src/shared/desktop/shortcuts.ts, and the Electron menu runs the same
 * actions by id (`run`). Keys never fire inside a dialog, from a text field (unless the chord has Ctrl/⌘ or
 * Alt), or while an IME composes.
 */

type Handler = () => void;

interface Registry {
  register(id: ShortcutId, handler: { current: Handler }): () => void;
  /** Runs a shortcut's action (a menu item); false when nothing handles it now. */
  run(id: ShortcutId, source: 'key' | 'menu'): boolean;
  isRegistered(id: ShortcutId): boolean;
  /** Changes whenever registrations change, so lists re-render. */
  version: number;
}

const RegistryContext = createContext<Registry | null>(null);
const StableRegistryContext = createContext<Omit<Registry, 'version'> | null>(null);

/** A menu click that follows the same key press (macOS menus see the key too) is the same action. */
const SAME_PRESS_MS = 300;

function insideDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[aria-modal="true"]') !== null;
}

export function ShortcutProvider({ children }: { children: ReactNode }) {
  const handlers = useRef(new Map<ShortcutId, Array<{ current: Handler }>>());
  const lastKeyRun = useRef<{ id: ShortcutId; at: number } | null>(null);
  const [version, setVersion] = useState(0);

  const register = useCallback((id: ShortcutId, handler: { current: Handler }) => {
    const list = handlers.current.get(id) ?? [];
    handlers.current.set(id, [...list, handler]);
    setVersion((value) => value + 1);
    return () => {
      handlers.current.set(
        id,
        (handlers.current.get(id) ?? []).filter((entry) => entry !== handler),
      );
      setVersion((value) => value + 1);
    };
  }, []);

  const isRegistered = useCallback((id: ShortcutId) => (handlers.current.get(id)?.length ?? 0) > 0, []);

  const run = useCallback((id: ShortcutId, source: 'key' | 'menu') => {
    const list = handlers.current.get(id) ?? [];
    const handler = list[list.length - 1];
    if (!handler) return false;
    const now = Date.now();
    if (source === 'menu' && lastKeyRun.current?.id === id && now - lastKeyRun.current.at < SAME_PRESS_MS) return true;
    if (source === 'key') lastKeyRun.current = { id, at: now };
    handler.current();
    return true;
  }, []);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || insideDialog(event.target)) return;
      const id = shortcutForKey(event, { inTextField: isTextField(event.target), isAvailable: isRegistered });
      if (!id) return;
      event.preventDefault();
      run(id, 'key');
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [isRegistered, run]);

  // Registering must not depend on `version`, or every registration would re-run every registration.
  const stable = useMemo(() => ({ register, run, isRegistered }), [register, run, isRegistered]);
  const value = useMemo(() => ({ ...stable, version }), [stable, version]);
  return (
    <StableRegistryContext.Provider value={stable}>
      <RegistryContext.Provider value={value}>{children}</RegistryContext.Provider>
    </StableRegistryContext.Provider>
  );
}

/** Outside a provider (a component rendered on its own, as in markup tests) shortcuts simply do nothing. */
const NO_REGISTRY: Registry = { register: () => () => undefined, run: () => false, isRegistered: () => false, version: 0 };

function useRegistry(): Registry {
  return useContext(RegistryContext) ?? NO_REGISTRY;
}

/** What `id` does while this component is mounted (and `enabled`); the newest registration wins. */
export function useShortcut(id: ShortcutId, handler: Handler, enabled = true): void {
  const { register } = useContext(StableRegistryContext) ?? NO_REGISTRY;
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!enabled) return;
    return register(id, latest);
  }, [register, id, enabled]);
}

/** Runs shortcuts by id (menu commands) and tells which are listed. */
export function useShortcutActions(): Pick<Registry, 'run' | 'isRegistered' | 'version'> {
  const { run, isRegistered, version } = useRegistry();
  return { run, isRegistered, version };
}

/** The shortcuts to list now: a hidden-until-registered action appears once something handles it. */
export function visibleShortcuts(isRegistered: (id: ShortcutId) => boolean): ShortcutDefinition[] {
  return SHORTCUTS.filter((shortcut) => !shortcut.hiddenUntilRegistered || isRegistered(shortcut.id));
}

/** "Alt+C" / "⌥C" for a tooltip: one chord of the shortcut (the first by default) on this platform. */
export function shortcutHint(id: ShortcutId, index = 0): string {
  const chord = shortcutById(id).chords[index];
  return chord ? chordText(chord, keyPlatform()) : '';
}
