import type { ProfileLookup } from '../profile-refresher';
import type { MetaGraphClient, MetaProfileResult } from './graph-client';
import type { MetaChannel } from './intake-items';
import type { MetaChannelHealth } from './meta-health';

/**
 * Messenger's (first and last name) or Instagram's (name, else username) profile lookup for the relay's profile
 * refresher (channels/profile-refresher.ts, which caches it like LINE's). A refusal for this customer (no
 * permission, deleted user, no name given) is cached there as failed — the id-based name stays; a rate limit,
 * timeout or refused page token is transient (thrown) and tried again with the customer's next message.
 */
export function metaProfileLookup(client: MetaGraphClient, channel: MetaChannel, health: MetaChannelHealth): ProfileLookup {
  return async (profileKey) => {
    const result: MetaProfileResult = await client.profile(channel, profileKey);
    if (result.kind === 'token_invalid') health.tokenRefused();
    else if (result.kind !== 'unknown_outcome' && result.kind !== 'rate_limited') health.tokenWorked();
    switch (result.kind) {
      case 'profile':
        if (!result.profile.displayName) return { kind: 'refused', detail: 'Meta gave no name' };
        return { kind: 'profile', displayName: result.profile.displayName, pictureUrl: result.profile.pictureUrl, statusMessage: null, language: null };
      case 'invalid_parameter':
      case 'rejected':
      case 'person_unavailable':
        return { kind: 'refused', detail: `${result.kind} (#${result.code ?? '?'}): ${result.message}` };
      case 'unknown_outcome':
        throw new Error(result.detail);
      default:
        throw new Error(`${result.kind} (#${result.code ?? '?'}): ${result.message}`);
    }
  };
}
