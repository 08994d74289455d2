import { z } from 'zod';
import type { TokenStorage } from '../../../shared/ipc/views';

/** What the app keeps to reconnect on the next start: never a LINE secret, only the agent's relay token. */
export const credentialsSchema = z.object({
  relayUrl: z.string().min(1),
  token: z.string().min(1),
});
export type Credentials = z.infer<typeof credentialsSchema>;

/** Implemented by a 0600 JSON file (browser host) and by Electron's safeStorage (desktop app). */
export interface CredentialStore {
  /** How a saved token is protected at rest; the UI says so when it is not encrypted. */
  readonly storage: TokenStorage;
  load(): Promise<Credentials | null>;
  save(credentials: Credentials): Promise<void>;
  clear(): Promise<void>;
}

/** For tests and throwaway sessions. */
export function createMemoryCredentialStore(initial: Credentials | null = null): CredentialStore {
  let current = initial;
  return {
    storage: 'memory',
    load: async () => current,
    save: async (credentials) => {
      current = credentialsSchema.parse(credentials);
    },
    clear: async () => {
      current = null;
    },
  };
}
