import { z } from 'zod';

/** What the app keeps to reconnect on the next start: never a LINE secret, only the agent's relay token. */
export const credentialsSchema = z.object({
  relayUrl: z.string().min(1),
  token: z.string().min(1),
});
export type Credentials = z.infer<typeof credentialsSchema>;

/** Implemented by a 0600 JSON file (browser host) and by Electron's safeStorage (desktop app). */
export interface CredentialStore {
  load(): Promise<Credentials | null>;
  save(credentials: Credentials): Promise<void>;
  clear(): Promise<void>;
}

/** For tests and throwaway sessions. */
export function createMemoryCredentialStore(initial: Credentials | null = null): CredentialStore {
  let current = initial;
  return {
    load: async () => current,
    save: async (credentials) => {
      current = credentialsSchema.parse(credentials);
    },
    clear: async () => {
      current = null;
    },
  };
}
