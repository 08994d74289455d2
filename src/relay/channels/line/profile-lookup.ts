import { HTTPFetchError } from '@line/bot-sdk';
import type { ProfileLookup, ProfileLookupResult } from '../profile-refresher';
import type { LineMessagingClient } from './messaging-client';

/**
 * LINE's profile lookups, by profile key: a user id (GET /v2/bot/profile/{userId}), `group:<groupId>` (the group's
 * summary: its name and picture) or `member:<group or room id>:<userId>` (that member's profile there). 404/403
 * means LINE will not give it (not a friend, blocked, left the group): a refusal, cached for a while. Anything
 * else is transient.
 */
export function lineProfileLookup(client: LineMessagingClient): ProfileLookup {
  return async (profileKey) => {
    try {
      return await lookUp(client, profileKey);
    } catch (error) {
      if (error instanceof HTTPFetchError && (error.status === 404 || error.status === 403)) {
        return { kind: 'refused', detail: `LINE answered ${error.status}` };
      }
      throw error;
    }
  };
}

async function lookUp(client: LineMessagingClient, profileKey: string): Promise<ProfileLookupResult> {
  const bare = { statusMessage: null, language: null };
  if (profileKey.startsWith('group:')) {
    const summary = await client.getGroupSummary(profileKey.slice('group:'.length));
    return { kind: 'profile', displayName: summary.groupName, pictureUrl: summary.pictureUrl, ...bare };
  }
  if (profileKey.startsWith('member:')) {
    const [, containerId = '', userId = ''] = profileKey.split(':');
    const member = await client.getMemberProfile(containerId, userId);
    return { kind: 'profile', displayName: member.displayName, pictureUrl: member.pictureUrl, ...bare };
  }
  const profile = await client.getProfile(profileKey);
  return { kind: 'profile', displayName: profile.displayName, pictureUrl: profile.pictureUrl, statusMessage: profile.statusMessage, language: profile.language };
}
