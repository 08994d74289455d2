import type { Logger } from '../../logger';
import type { RelayStore } from '../../store/relay-store';
import type { LineMessagingClient } from './messaging-client';

/** Profiles change rarely; fetching once a day per friend keeps names fresh without extra LINE calls. */
export const PROFILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

export interface ProfileRefresherDeps {
  store: RelayStore;
  client: LineMessagingClient;
  now: () => number;
  logger: Logger;
}

/**
 * Fetches a LINE profile when the cached one is missing or older than a day, and updates the
 * conversation's name and picture. Failures are logged and never affect the webhook.
 */
export function createProfileRefresher(deps: ProfileRefresherDeps) {
  // Only avoids duplicate concurrent fetches in this process; correctness never depends on it.
  const inFlight = new Set<string>();

  return async function refreshProfile(userId: string, conversationId: string): Promise<void> {
    if (inFlight.has(userId)) return;
    inFlight.add(userId);
    try {
      const cached = deps.store.getLineProfile(userId);
      if (cached && deps.now() - cached.fetchedAt < PROFILE_MAX_AGE_MS) {
        // Fresh in the cache: still make sure this conversation shows it.
        deps.store.applyLineProfile(cached, conversationId);
        return;
      }
      const profile = await deps.client.getProfile(userId);
      deps.store.applyLineProfile({ ...profile, fetchedAt: deps.now() }, conversationId);
    } catch (error) {
      deps.logger.warn(`LINE profile for ${userId} not updated: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      inFlight.delete(userId);
    }
  };
}
export type ProfileRefresher = ReturnType<typeof createProfileRefresher>;
