import type { Channel } from '../../shared/protocol';
import type { Logger } from '../logger';
import type { RelayStore } from '../store/relay-store';

/** Profiles change rarely; fetching once a day per customer keeps names fresh without extra platform calls. */
export const PROFILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** A refused lookup (blocked, unfollowed, no permission) is asked again only after this long. */
export const FAILED_PROFILE_RETRY_MS = 60 * 60 * 1000;

/** What a channel's profile lookup answers. A thrown error is transient: logged, not cached, tried next time. */
export type ProfileLookupResult =
  | { kind: 'profile'; displayName: string; pictureUrl: string | null; statusMessage: string | null; language: string | null }
  /** The platform refused for this customer (e.g. LINE 404 for someone who blocked the account): cached. */
  | { kind: 'refused'; detail: string };

export type ProfileLookup = (profileKey: string) => Promise<ProfileLookupResult>;

export interface ProfileRefresherDeps {
  store: RelayStore;
  /** Each configured channel's lookup (src/relay/channels/<channel>/profile-lookup.ts). */
  lookups: Partial<Record<Channel, ProfileLookup>>;
  now: () => number;
  logger: Logger;
}

/**
 * Fetches a customer's profile when the cached one is missing or stale (a day; an hour after a refusal), and
 * updates the conversation's name and picture. Failures are logged and never affect the webhook.
 */
export function createProfileRefresher(deps: ProfileRefresherDeps) {
  // Only avoids duplicate concurrent fetches in this process; correctness never depends on it.
  const inFlight = new Set<string>();

  return async function refreshProfile(channel: Channel, profileKey: string, conversationId: string): Promise<void> {
    const lookup = deps.lookups[channel];
    const flightKey = `${channel}\u0000${profileKey}`;
    if (!lookup || inFlight.has(flightKey)) return;
    inFlight.add(flightKey);
    try {
      const cached = await deps.store.getProfile(channel, profileKey);
      const maxAge = cached?.failed ? FAILED_PROFILE_RETRY_MS : PROFILE_MAX_AGE_MS;
      if (cached && deps.now() - cached.fetchedAt < maxAge) {
        // Fresh in the cache: still make sure this conversation shows it.
        if (!cached.failed) await deps.store.applyProfile(cached, conversationId);
        return;
      }
      const result = await lookup(profileKey);
      const fetchedAt = deps.now();
      if (result.kind === 'refused') {
        deps.logger.warn(`${channel} profile for ${profileKey} refused (${result.detail}); asking again in an hour`);
        await deps.store.applyProfile(
          { channel, profileKey, displayName: '', pictureUrl: null, statusMessage: null, language: null, fetchedAt, failed: true },
          conversationId,
        );
        return;
      }
      const { kind: _kind, ...profile } = result;
      await deps.store.applyProfile({ channel, profileKey, ...profile, fetchedAt, failed: false }, conversationId);
    } catch (error) {
      deps.logger.warn(`${channel} profile for ${profileKey} not updated: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      inFlight.delete(flightKey);
    }
  };
}
export type ProfileRefresher = ReturnType<typeof createProfileRefresher>;
