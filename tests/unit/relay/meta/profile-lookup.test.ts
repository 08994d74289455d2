import { describe, expect, it } from 'vitest';
import type { MetaGraphClient, MetaProfileResult } from '../../../../src/relay/channels/meta/graph-client';
import type { MetaChannel } from '../../../../src/relay/channels/meta/intake-items';
import { createMetaChannelHealth } from '../../../../src/relay/channels/meta/meta-health';
import { createMetaProfileLookup, META_FAILED_PROFILE_MAX_AGE_MS, META_PROFILE_MAX_AGE_MS } from '../../../../src/relay/channels/meta/profile-lookup';
import { silentLogger } from '../../../../src/relay/logger';
import type { ProfileRecord } from '../../../../src/relay/store/channel-store-types';

function setup(answers: MetaProfileResult[]) {
  let now = 1_000_000;
  const cache = new Map<string, ProfileRecord>();
  const applied: { profile: ProfileRecord; conversationId: string }[] = [];
  const lookups: [MetaChannel, string][] = [];
  const client: MetaGraphClient = {
    sendText: () => Promise.reject(new Error('not used')),
    sendAttachment: () => Promise.reject(new Error('not used')),
    senderAction: () => Promise.reject(new Error('not used')),
    async profile(channel, id) {
      lookups.push([channel, id]);
      const answer = answers.shift();
      if (!answer) throw new Error('no scripted answer');
      return answer;
    },
  };
  const health = createMetaChannelHealth({ webhookConfigured: true, sendingConfigured: true, now: () => now });
  const refresh = createMetaProfileLookup({
    store: {
      getProfile: async (channel, key) => cache.get(`${channel}:${key}`) ?? null,
      applyProfile: async (profile, conversationId) => {
        cache.set(`${profile.channel}:${profile.profileKey}`, profile);
        applied.push({ profile, conversationId });
      },
    },
    client,
    health,
    now: () => now,
    logger: silentLogger,
  });
  return { refresh, applied, lookups, health, advance: (ms: number) => (now += ms), now: () => now };
}

const profile = (displayName: string | null, pictureUrl: string | null = null): MetaProfileResult => ({
  kind: 'profile',
  profile: { id: 'x', displayName, firstName: null, lastName: null, username: null, pictureUrl },
});
const refused = (kind: 'invalid_parameter' | 'token_invalid' | 'rate_limited', code: number): MetaProfileResult => ({
  kind,
  status: 400,
  code,
  subcode: null,
  type: 'OAuthException',
  message: 'refused',
  fbtraceId: null,
});

describe('Meta profile lookup', () => {
  it('names the conversation after the profile and answers from the cache for a day', async () => {
    const s = setup([profile('王 小明', 'https://cdn.example/p.jpg'), profile('王大明')]);
    await s.refresh('messenger', 'PSID1', 'messenger:PAGE:PSID1');
    expect(s.applied).toEqual([
      {
        profile: { channel: 'messenger', profileKey: 'PSID1', displayName: '王 小明', pictureUrl: 'https://cdn.example/p.jpg', statusMessage: null, language: null, fetchedAt: s.now(), failed: false },
        conversationId: 'messenger:PAGE:PSID1',
      },
    ]);
    s.advance(META_PROFILE_MAX_AGE_MS - 1);
    await s.refresh('messenger', 'PSID1', 'messenger:PAGE:PSID1');
    expect(s.lookups).toHaveLength(1);
    expect(s.applied).toHaveLength(2);
    s.advance(1);
    await s.refresh('messenger', 'PSID1', 'messenger:PAGE:PSID1');
    expect(s.lookups).toHaveLength(2);
    expect(s.applied.at(-1)!.profile.displayName).toBe('王大明');
  });

  it('caches a refused lookup as failed (the placeholder name stays) and asks again only after a while', async () => {
    const s = setup([refused('invalid_parameter', 100), profile('ig_shopper')]);
    await s.refresh('instagram', 'IGSID', 'instagram:IG:IGSID');
    expect(s.applied).toEqual([{ profile: expect.objectContaining({ channel: 'instagram', profileKey: 'IGSID', failed: true }), conversationId: 'instagram:IG:IGSID' }]);
    await s.refresh('instagram', 'IGSID', 'instagram:IG:IGSID');
    expect(s.lookups).toEqual([['instagram', 'IGSID']]);
    expect(s.applied).toHaveLength(1);
    s.advance(META_FAILED_PROFILE_MAX_AGE_MS);
    await s.refresh('instagram', 'IGSID', 'instagram:IG:IGSID');
    expect(s.applied.at(-1)!.profile).toMatchObject({ displayName: 'ig_shopper', failed: false });
  });

  it('caches nothing for a passing problem and flags a refused page token in health', async () => {
    const s = setup([refused('rate_limited', 613), refused('token_invalid', 190), profile('Lin')]);
    await s.refresh('messenger', 'P', 'c');
    await s.refresh('messenger', 'P', 'c');
    expect(s.applied).toEqual([]);
    expect(s.health.report().needsNewToken).toBe(true);
    await s.refresh('messenger', 'P', 'c');
    expect(s.applied).toHaveLength(1);
    expect(s.health.report().needsNewToken).toBe(false);
  });

  it('treats a profile without a name as failed', async () => {
    const s = setup([profile(null)]);
    await s.refresh('messenger', 'P', 'c');
    expect(s.applied[0]!.profile.failed).toBe(true);
  });
});
