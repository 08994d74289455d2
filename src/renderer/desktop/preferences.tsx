import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { z } from 'zod';

/**
 * The agent's desktop preferences on this computer: availability, do-not-disturb, sound, the send key and
 * muted conversations. UI preferences, not secrets: kept in localStorage like the language.
 */

export const PREFERENCES_STORAGE_KEY = 'shop-inbox.desktop-preferences';

export const preferencesSchema = z.object({
  availability: z.enum(['online', 'away']).default('online'),
  doNotDisturb: z.boolean().default(false),
  sound: z.boolean().default(false),
  /** `enter`: Enter sends, Shift+Enter adds a line. `ctrlEnter`: Ctrl/⌘+Enter sends, Enter adds a line. */
  sendKey: z.enum(['enter', 'ctrlEnter']).default('enter'),
  mutedConversations: z.array(z.string()).max(5000).default([]),
});
export type Preferences = z.infer<typeof preferencesSchema>;
export const DEFAULT_PREFERENCES: Preferences = preferencesSchema.parse({});

export function readPreferences(storage: Pick<Storage, 'getItem'> | null): Preferences {
  try {
    const raw = storage?.getItem(PREFERENCES_STORAGE_KEY);
    if (!raw) return DEFAULT_PREFERENCES;
    const parsed = preferencesSchema.safeParse(JSON.parse(raw));
    // A damaged entry (edited by hand, an older shape) falls back to the defaults rather than breaking the app.
    return parsed.success ? parsed.data : DEFAULT_PREFERENCES;
  } catch {
    return DEFAULT_PREFERENCES;
  }
}

/** Notifications stay quiet while the agent is away or has do-not-disturb on. */
export function notificationsSilenced(preferences: Preferences): boolean {
  return preferences.doNotDisturb || preferences.availability === 'away';
}

interface PreferencesValue {
  preferences: Preferences;
  update(change: Partial<Preferences>): void;
  toggleMute(conversationId: string): void;
}

const PreferencesContext = createContext<PreferencesValue | null>(null);

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function save(preferences: Preferences): Preferences {
  try {
    storage()?.setItem(PREFERENCES_STORAGE_KEY, JSON.stringify(preferences));
  } catch {
    // Unavailable storage: the choice lasts for this window.
  }
  return preferences;
}

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const [preferences, setPreferences] = useState<Preferences>(() => readPreferences(storage()));
  const update = useCallback((change: Partial<Preferences>) => {
    setPreferences((current) => save(preferencesSchema.parse({ ...current, ...change })));
  }, []);
  const toggleMute = useCallback(
    (conversationId: string) =>
      setPreferences((current) => {
        const muted = new Set(current.mutedConversations);
        if (muted.has(conversationId)) muted.delete(conversationId);
        else muted.add(conversationId);
        return save({ ...current, mutedConversations: [...muted] });
      }),
    [],
  );
  const value = useMemo(() => ({ preferences, update, toggleMute }), [preferences, update, toggleMute]);
  return <PreferencesContext.Provider value={value}>{children}</PreferencesContext.Provider>;
}

const FALLBACK: PreferencesValue = { preferences: DEFAULT_PREFERENCES, update: () => undefined, toggleMute: () => undefined };

/** Outside a provider (isolated component tests) the defaults apply. */
export function usePreferences(): PreferencesValue {
  return useContext(PreferencesContext) ?? FALLBACK;
}
