import { HTTPFetchError } from '@line/bot-sdk';
import type { ProfileLookup } from '../profile-refresher';
import type { LineMessagingClient } from './messaging-client';

/**
 * LINE's profile lookup (GET /v2/bot/profile/{userId}). 404 means LINE will not give this user's profile
 * (not a friend, blocked the account): a refusal, cached for a while. Anything else is transient.
 */
export function lineProfileLookup(client: LineMessagingClient): ProfileLookup {
  return async (userId) => {
    try {
      const profile = await client.getProfile(userId);
      return {
        kind: 'profile',
        displayName: profile.displayName,
        pictureUrl: profile.pictureUrl,
        statusMessage: profile.statusMessage,
        language: profile.language,
      };
    } catch (error) {
      if (error instanceof HTTPFetchError && (error.status === 404 || error.status === 403)) {
        return { kind: 'refused', detail: `LINE answered ${error.status}` };
      }
      throw error;
    }
  };
}
