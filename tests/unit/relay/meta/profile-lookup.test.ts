import { describe, expect, it } from 'vitest';
import { personName, type MetaGraphClient, type MetaProfileResult } from '../../../../src/relay/channels/meta/graph-client';
import type { MetaChannel } from '../../../../src/relay/channels/meta/intake-items';
import { createMetaChannelHealth } from '../../../../src/relay/channels/meta/meta-health';
import { metaProfileLookup } from '../../../../src/relay/channels/meta/profile-lookup';

function setup(channel: MetaChannel, answers: MetaProfileResult[]) {
  const lookups: [MetaChannel, string][] = [];
  const client: MetaGraphClient = {
    sendText: () => Promise.reject(new Error('not used')),
    sendAttachment: () => Promise.reject(new Error('not used')),
    senderAction: () => Promise.reject(new Error('not used')),
    async profile(asked, id) {
      lookups.push([asked, id]);
      const answer = answers.shift();
      if (!answer) throw new Error('no scripted answer');
      return answer;
    },
  };
  const health = createMetaChannelHealth({ webhookConfigured: true, sendingConfigured: true, now: () => 7 });
  return { lookup: metaProfileLookup(client, channel, health), lookups, health };
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
  it('asks the channel’s profile and answers its name and picture', async () => {
    const s = setup('instagram', [profile('林小姐', 'https://cdn.example/p.jpg')]);
    expect(await s.lookup('IGSID')).toEqual({ kind: 'profile', displayName: '林小姐', pictureUrl: 'https://cdn.example/p.jpg', statusMessage: null, language: null });
    expect(s.lookups).toEqual([['instagram', 'IGSID']]);
  });

  it('answers a refusal (cached by the refresher) for a refused lookup or a profile without a name', async () => {
    expect(await setup('messenger', [refused('invalid_parameter', 100)]).lookup('P')).toEqual({ kind: 'refused', detail: 'invalid_parameter (#100): refused' });
    expect(await setup('messenger', [profile(null)]).lookup('P')).toEqual({ kind: 'refused', detail: 'Meta gave no name' });
  });

  it('throws (not cached) for a rate limit or a refused page token, and flags the token in health until a lookup works', async () => {
    const s = setup('messenger', [refused('rate_limited', 613), refused('token_invalid', 190), profile('Lin')]);
    await expect(s.lookup('P')).rejects.toThrow(/rate_limited/);
    expect(s.health.report().needsNewToken).toBe(false);
    await expect(s.lookup('P')).rejects.toThrow(/token_invalid \(#190\)/);
    expect(s.health.report()).toMatchObject({ needsNewToken: true, tokenRefusedAt: 7 });
    await s.lookup('P');
    expect(s.health.report().needsNewToken).toBe(false);
  });
});

describe('Messenger names', () => {
  it('writes Chinese names family name first without a space, others first last', () => {
    expect(personName('雅婷', '劉')).toBe('劉雅婷');
    expect(personName('Amy', 'Wu')).toBe('Amy Wu');
    expect(personName('Amy', undefined)).toBe('Amy');
    expect(personName(' ', '劉')).toBe('劉');
  });
});
