import type { Logger } from '../../logger';
import type { ProfileRecord } from '../../store/channel-store-types';
import type { MetaGraphClient, MetaProfileResult } from './graph-client';
import type { MetaChannel } from './intake-items';
import type { MetaChannelHealth } from './meta-health';

/** Like LINE's (channels/line/profile-cache.ts): names change rarely, so one lookup a day per customer. */
export const META_PROFILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** A refused lookup (no permission, deleted user) is not asked again for this long; the id-based name stays. */
export const META_FAILED_PROFILE_MAX_AGE_MS = 6 * 60 * 60 * 1000;

/** The part of the relay store the lookup uses (RelayStore has these methods). */
export interface MetaProfileStore {
  getProfile(channel: MetaChannel, profileKey: string): Promise<ProfileRecord | null>;
  /** Caches the record and, unless it is `failed`, names the conversation after it (conversation.upserted). */
  applyProfile(profile: ProfileRecord, conversationId: string): Promise<unknown>;
}

export interface MetaProfileLookupDeps {
  store: MetaProfileStore;
  client: MetaGraphClient;
  health: MetaChannelHealth;
  now: () => number;
  logger: Logger;
}

function isFresh(cached: ProfileRecord, now: number): boolean {
  return now - cached.fetchedAt < (cached.failed ? META_FAILED_PROFILE_MAX_AGE_MS : META_PROFILE_MAX_AGE_MS);
}

/** What to cache for a Graph answer; null = a passing problem (rate limit, timeout, token), not cached. */
function recordOf(channel: MetaChannel, profileKey: string, result: MetaProfileResult, fetchedAt: number): ProfileRecord | null {
  const base = { channel, profileKey, statusMessage: null, language: null, fetchedAt };
  if (result.kind === 'profile') {
    const { displayName, pictureUrl } = result.profile;
    // Meta answered without a name (a private Instagram account, a deleted user): keep the id-based name.
    if (!displayName) return { ...base, displayName: '', pictureUrl: null, failed: true };
    return { ...base, displayName, pictureUrl, failed: false };
  }
  if (result.kind === 'invalid_parameter' || result.kind === 'rejected' || result.kind === 'person_unavailable') {
    return { ...base, displayName: '', pictureUrl: null, failed: true };
  }
  return null;
}

function describeFailure(result: MetaProfileResult): string {
  if (result.kind === 'profile') return 'no name in the profile';
  if (result.kind === 'unknown_outcome') return result.detail;
  return `${result.kind} (#${result.code ?? '?'}): ${result.message}`;
}

/**
 * Fetches a Messenger (first/last name) or Instagram (name, else username) profile when the cached one is
 * missing or stale, and names the conversation after it. Failures are cached (so a customer whose profile
 * Meta refuses is not looked up on every message), logged, and never affect the webhook.
 */
export function createMetaProfileLookup(deps: MetaProfileLookupDeps) {
  // Only avoids duplicate concurrent fetches in this process; correctness never depends on it.
  const inFlight = new Set<string>();

  return async function refreshMetaProfile(channel: MetaChannel, profileKey: string, conversationId: string): Promise<void> {
    const key = `${channel}:${profileKey}`;
    if (inFlight.has(key)) return;
    inFlight.add(key);
    try {
      const cached = await deps.store.getProfile(channel, profileKey);
      if (cached && isFresh(cached, deps.now())) {
        // Fresh in the cache: still make sure this conversation shows it.
        if (!cached.failed) await deps.store.applyProfile(cached, conversationId);
        return;
      }
      const result = await deps.client.profile(channel, profileKey);
      if (result.kind === 'token_invalid') deps.health.tokenRefused();
      else if (result.kind !== 'unknown_outcome' && result.kind !== 'rate_limited') deps.health.tokenWorked();
      const record = recordOf(channel, profileKey, result, deps.now());
      if (record) await deps.store.applyProfile(record, conversationId);
      if (!record || record.failed) deps.logger.warn(`${channel} profile for ${profileKey} not updated: ${describeFailure(result)}`);
    } catch (error) {
      deps.logger.warn(`${channel} profile for ${profileKey} not updated: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      inFlight.delete(key);
    }
  };
}
export type MetaProfileLookup = ReturnType<typeof createMetaProfileLookup>;
