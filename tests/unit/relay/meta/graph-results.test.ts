import { describe, expect, it } from 'vitest';
import { classifyMetaError } from '../../../../src/relay/channels/meta/graph-results';
import { retryDelayMs, retryWhileRateLimited, type MetaRetryClock } from '../../../../src/relay/channels/meta/retry';

const keep = (text: string) => text;
const graphError = (code: number, subcode?: number, message = `(#${code}) x`) => ({
  error: { message, type: 'OAuthException', code, ...(subcode === undefined ? {} : { error_subcode: subcode }), fbtrace_id: 'AbC' },
});

describe('Graph API error classification', () => {
  it('classifies by Meta’s code, whatever the HTTP status', () => {
    expect(classifyMetaError(400, graphError(10, 2018278), keep)).toEqual({
      kind: 'outside_window',
      status: 400,
      code: 10,
      subcode: 2018278,
      type: 'OAuthException',
      message: '(#10) x',
      fbtraceId: 'AbC',
    });
    expect(classifyMetaError(400, graphError(10), keep).kind).toBe('rejected'); // another permission problem
    expect(classifyMetaError(400, graphError(551, 1545041), keep).kind).toBe('person_unavailable');
    for (const code of [4, 32, 613]) expect(classifyMetaError(429, graphError(code), keep).kind).toBe('rate_limited');
    expect(classifyMetaError(401, graphError(190), keep).kind).toBe('token_invalid');
    expect(classifyMetaError(400, graphError(100, 2018001), keep)).toMatchObject({ kind: 'invalid_parameter', subcode: 2018001 });
    expect(classifyMetaError(403, graphError(200), keep).kind).toBe('rejected');
    expect(classifyMetaError(404, 'Not Found', keep)).toMatchObject({ kind: 'rejected', code: null, message: 'Not Found' });
  });

  it('calls every 5xx an unknown outcome, even with a Meta error body', () => {
    expect(classifyMetaError(500, graphError(2), keep)).toEqual({ kind: 'unknown_outcome', detail: 'Meta answered 500: (#2) x' });
    expect(classifyMetaError(503, undefined, keep).kind).toBe('unknown_outcome');
  });

  it('redacts what Meta echoed back', () => {
    const result = classifyMetaError(400, graphError(100, undefined, 'bad token EAAB-secret'), (text) => text.replace('EAAB-secret', '[redacted]'));
    expect(result).toMatchObject({ message: 'bad token [redacted]' });
  });
});

describe('rate-limit retries', () => {
  function fakeClock(): MetaRetryClock & { slept: number[] } {
    let now = 0;
    const slept: number[] = [];
    return {
      slept,
      now: () => now,
      sleep: async (ms) => {
        slept.push(ms);
        now += ms;
      },
    };
  }
  const policy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 3000, maxTotalMs: 60_000 };

  it('retries only rate limits, with doubling waits capped at maxDelayMs, and reports the attempts', async () => {
    const answers = [{ kind: 'rate_limited' }, { kind: 'rate_limited' }, { kind: 'rate_limited' }, { kind: 'sent' }];
    const clock = fakeClock();
    const result = await retryWhileRateLimited(async () => answers.shift()!, policy, clock);
    expect(result).toEqual({ kind: 'sent', attempts: 4 });
    expect(clock.slept).toEqual([1000, 2000, 3000]);
    expect(retryDelayMs(policy, 1)).toBe(1000);
    expect(retryDelayMs(policy, 5)).toBe(3000);
  });

  it('gives up after maxAttempts and returns the last refusal', async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await retryWhileRateLimited(async () => ((calls += 1), { kind: 'rate_limited' }), policy, clock);
    expect(result).toEqual({ kind: 'rate_limited', attempts: 4 });
    expect(calls).toBe(4);
  });

  it('never repeats an unknown outcome or another refusal', async () => {
    for (const kind of ['unknown_outcome', 'outside_window', 'token_invalid', 'invalid_parameter']) {
      const clock = fakeClock();
      let calls = 0;
      const result = await retryWhileRateLimited(async () => ((calls += 1), { kind }), policy, clock);
      expect(result).toEqual({ kind, attempts: 1 });
      expect(calls).toBe(1);
      expect(clock.slept).toEqual([]);
    }
  });

  it('stops when the next wait would pass the time budget', async () => {
    const clock = fakeClock();
    const result = await retryWhileRateLimited(async () => ({ kind: 'rate_limited' }), { ...policy, maxTotalMs: 2500 }, clock);
    expect(result).toEqual({ kind: 'rate_limited', attempts: 2 });
    expect(clock.slept).toEqual([1000]);
  });
});
