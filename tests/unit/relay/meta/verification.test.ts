import { describe, expect, it } from 'vitest';
import { answerMetaVerification } from '../../../../src/relay/channels/meta/verification';

const TOKEN = 'my-verify-token';
const query = (params: Record<string, string>) => new URLSearchParams(params);

describe('Meta webhook verification GET', () => {
  it('echoes the challenge when the mode is subscribe and the verify token is ours', () => {
    expect(answerMetaVerification(query({ 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '1158201444' }), TOKEN)).toEqual({
      status: 200,
      body: '1158201444',
    });
    expect(answerMetaVerification({ 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': 'abc' }, TOKEN)).toEqual({ status: 200, body: 'abc' });
  });

  it('answers 403 for a wrong or missing token, another mode, or no challenge', () => {
    const cases: Record<string, string>[] = [
      { 'hub.mode': 'subscribe', 'hub.verify_token': 'wrong', 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': `${TOKEN}x`, 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1' },
      { 'hub.mode': 'unsubscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '1' },
      { 'hub.verify_token': TOKEN, 'hub.challenge': '1' },
      { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN },
      { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN, 'hub.challenge': '' },
    ];
    for (const params of cases) expect(answerMetaVerification(query(params), TOKEN)).toEqual({ status: 403 });
  });

  it('never verifies with an unset verify token, even against an empty one', () => {
    expect(answerMetaVerification(query({ 'hub.mode': 'subscribe', 'hub.verify_token': '', 'hub.challenge': '1' }), '')).toEqual({ status: 403 });
  });

  it('does not reflect a challenge that is not a short run of visible ASCII, nor pick one of repeated parameters', () => {
    const base = { 'hub.mode': 'subscribe', 'hub.verify_token': TOKEN };
    expect(answerMetaVerification(query({ ...base, 'hub.challenge': '<script>alert(1) </script>' }), TOKEN)).toEqual({ status: 403 });
    expect(answerMetaVerification(query({ ...base, 'hub.challenge': 'x'.repeat(257) }), TOKEN)).toEqual({ status: 403 });
    const repeated = new URLSearchParams('hub.mode=subscribe&hub.verify_token=wrong&hub.verify_token=my-verify-token&hub.challenge=1');
    expect(answerMetaVerification(repeated, TOKEN)).toEqual({ status: 403 });
    expect(answerMetaVerification({ ...base, 'hub.challenge': ['1', '2'] }, TOKEN)).toEqual({ status: 403 });
  });
});
