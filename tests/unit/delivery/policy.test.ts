import { describe, expect, it } from 'vitest';
import {
  decideDelivery,
  decideRelease,
  nextStepAfterPush,
  type PolicyInput,
  type PolicyItem,
  type PushAttemptOutcome,
} from '../../../src/shared/delivery/policy';
import { lineRefusedReason } from '../../../src/shared/delivery/reasons';

const T0 = 1_700_000_000_000;
const NEW_KEY = '2f1a6a4e-8a51-4b8e-9d4e-1f0c3f7d9a10';
const item = (overrides: Partial<PolicyItem> = {}): PolicyItem => ({
  id: 'own',
  kind: 'agent_reply',
  createdAt: T0,
  pushConsent: false,
  retryKey: null,
  ...overrides,
});
const heldIds = (count: number) => Array.from({ length: count }, (_, index) => ({ id: `held-${index + 1}` }));

function input(overrides: Partial<PolicyInput>): PolicyInput {
  return { now: T0, token: null, held: [], item: item(), rules: [], quotaBlocked: false, newRetryKey: NEW_KEY, ...overrides };
}

describe('decideDelivery: token age (fake clock)', () => {
  it.each([
    { ageS: 0, expected: { action: 'reply', batch: ['own'] } },
    { ageS: 49, expected: { action: 'reply', batch: ['own'] } },
    { ageS: 51, expected: { action: 'hold', reason: 'no_fresh_token' } },
    { ageS: 61, expected: { action: 'hold', reason: 'no_fresh_token' } },
  ])('token $ageS s old → $expected.action', ({ ageS, expected }) => {
    const decision = decideDelivery(input({ now: T0 + ageS * 1000, token: { receivedAt: T0, usedAt: null } }));
    expect(decision).toEqual(expected);
  });

  it('holds when the newest token was already used, however young', () => {
    expect(decideDelivery(input({ now: T0 + 1000, token: { receivedAt: T0, usedAt: T0 + 500 } }))).toEqual({
      action: 'hold',
      reason: 'no_fresh_token',
    });
  });

  it('holds when there was never a token', () => {
    expect(decideDelivery(input({ token: null }))).toEqual({ action: 'hold', reason: 'no_fresh_token' });
  });
});

describe('decideDelivery: held items ride along oldest first', () => {
  const fresh = { receivedAt: T0, usedAt: null };
  it.each([
    { held: 0, batch: ['own'] },
    { held: 2, batch: ['held-1', 'held-2', 'own'] },
    { held: 4, batch: ['held-1', 'held-2', 'held-3', 'held-4', 'own'] },
  ])('$held held + own → one reply of $batch.length', ({ held, batch }) => {
    expect(decideDelivery(input({ token: fresh, held: heldIds(held) }))).toEqual({ action: 'reply', batch });
  });

  it('7 held items: 5 go now, 2 wait for the next token', () => {
    const fresh2 = { receivedAt: T0 + 1000, usedAt: null };
    expect(decideRelease(fresh2, heldIds(7), T0 + 2000)).toEqual(['held-1', 'held-2', 'held-3', 'held-4', 'held-5']);
    expect(decideRelease(fresh2, heldIds(7).slice(5), T0 + 2000)).toEqual(['held-6', 'held-7']);
    expect(decideRelease({ receivedAt: T0, usedAt: null }, heldIds(7), T0 + 51_000)).toEqual([]);
  });

  it('5 held already fill the reply: the new one is held behind them', () => {
    expect(decideDelivery(input({ token: fresh, held: heldIds(5) }))).toEqual({ action: 'hold', reason: 'queued_behind_held' });
  });
});

describe('decideDelivery: counted push only with consent or a shop rule', () => {
  const stale = { receivedAt: T0 - 55_000, usedAt: null };
  it('free is preferred even with consent', () => {
    expect(decideDelivery(input({ token: { receivedAt: T0, usedAt: null }, item: item({ pushConsent: true }) }))).toEqual({
      action: 'reply',
      batch: ['own'],
    });
  });
  it('consent and no fresh token → push with a new retry key', () => {
    expect(decideDelivery(input({ token: stale, item: item({ pushConsent: true }) }))).toEqual({ action: 'push', retryKey: NEW_KEY });
  });
  it('consent and a full reply → push rather than wait', () => {
    const decision = decideDelivery(input({ token: { receivedAt: T0, usedAt: null }, held: heldIds(5), item: item({ pushConsent: true }) }));
    expect(decision).toEqual({ action: 'push', retryKey: NEW_KEY });
  });
  it('a stored retry key is reused for a second push attempt', () => {
    const stored = '0b7c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';
    expect(decideDelivery(input({ item: item({ pushConsent: true, retryKey: stored }) }))).toEqual({ action: 'push', retryKey: stored });
  });
  it('quota blocked after 429 → held, never pushed', () => {
    expect(decideDelivery(input({ item: item({ pushConsent: true }), quotaBlocked: true }))).toEqual({
      action: 'hold',
      reason: 'quota_exhausted',
    });
  });
  it('shop rule: payment reminders may push after 24 h, not before', () => {
    const rules = [{ kind: 'payment_reminder' as const, pushAfterMs: 24 * 3600_000 }];
    const reminder = item({ kind: 'payment_reminder', createdAt: T0 });
    expect(decideDelivery(input({ now: T0 + 23 * 3600_000, item: reminder, rules }))).toEqual({ action: 'hold', reason: 'no_fresh_token' });
    expect(decideDelivery(input({ now: T0 + 24 * 3600_000, item: reminder, rules }))).toEqual({ action: 'push', retryKey: NEW_KEY });
    // The rule is for reminders only: an agent reply of the same age still waits.
    expect(decideDelivery(input({ now: T0 + 25 * 3600_000, item: item(), rules }))).toEqual({ action: 'hold', reason: 'no_fresh_token' });
  });
});

describe('nextStepAfterPush', () => {
  const refused = lineRefusedReason;
  const attempt = (number: number) => ({ number, maxAttempts: 3, retryKey: NEW_KEY });
  it.each<{ name: string; outcome: PushAttemptOutcome; number: number; expected: unknown }>([
    { name: '200 → sent', outcome: { kind: 'accepted' }, number: 1, expected: { step: 'sent' } },
    { name: '409 → already accepted = sent', outcome: { kind: 'duplicate' }, number: 2, expected: { step: 'sent' } },
    { name: '5xx → retry with the same key', outcome: { kind: 'ambiguous', detail: '500' }, number: 1, expected: { step: 'retry', retryKey: NEW_KEY } },
    { name: '5xx on the last attempt → push_unconfirmed', outcome: { kind: 'ambiguous', detail: '503' }, number: 3, expected: { step: 'fail', reason: 'push_unconfirmed' } },
    { name: '429 → hold and block pushes', outcome: { kind: 'monthly_limit' }, number: 1, expected: { step: 'hold', reason: 'quota_exhausted', blockQuota: true } },
    { name: '400 → failed, no retry', outcome: { kind: 'rejected', status: 400, message: 'bad' }, number: 1, expected: { step: 'fail', reason: 'line_refused:400:bad' } },
  ])('$name', ({ outcome, number, expected }) => {
    expect(nextStepAfterPush(outcome, attempt(number), refused)).toEqual(expected);
  });
});
