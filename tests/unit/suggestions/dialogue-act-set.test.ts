import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actSetHalf, measureActs, parseActMessages } from '../../../src/shared/suggestions/evaluation/act-set';

const acts = parseActMessages(readFileSync(path.resolve(__dirname, '../../fixtures/suggestions/acts/messages.jsonl'), 'utf8'));

/**
 * 400 messages written by another hand for shops of every kind: 240 needing no reply (thanks, plans, things
 * done, praise, small talk, greetings, closings, emoji, spam, slips) and 160 that ask (problems told plainly,
 * requests as statements, bare topics, questions). Even lines were read while writing cues; odd lines are held
 * out and their misses never listed, so their guard sits below what was measured (docs/suggestions.md).
 */
describe('the dialogue-act set', () => {
  it('is shaped as written: 400 messages, 240 needing no reply, every line a different wording', () => {
    expect(acts).toHaveLength(400);
    expect(acts.filter((m) => !m.needsReply)).toHaveLength(240);
    expect(new Set(acts.map((m) => m.text)).size).toBe(400);
  });

  it('tuning half: every message that asks is read so, and nine in ten of those that do not', () => {
    const report = measureActs(actSetHalf(acts, 'tuning'));
    expect(report.needsReplyRecall).toBe(1);
    expect(report.noReplyRecall).toBeGreaterThanOrEqual(0.88);
  });

  it('held-out half: every message that asks is read so; talk that asks nothing is the weak side', () => {
    const report = measureActs(actSetHalf(acts, 'held-out'));
    expect(report.needsReplyRecall).toBeGreaterThanOrEqual(0.97);
    // Measured 65 %: cues know the phrasings they were written from better than a stranger's small talk.
    expect(report.noReplyRecall).toBeGreaterThanOrEqual(0.6);
  });
});

describe('the second dialogue-act set', () => {
  const second = parseActMessages(readFileSync(path.resolve(__dirname, '../../fixtures/suggestions/acts-2/messages.jsonl'), 'utf8'));

  // Written by another hand in the ninth round like the first, measured once (86.3 % read right), then read whole
  // while writing cues: a guard against regressions, not a measure of generality.
  it('is read right: every message that asks, and nine in ten of those that do not', () => {
    expect(second).toHaveLength(400);
    expect(new Set(second.map((m) => m.text)).size).toBe(400);
    const report = measureActs(second);
    expect(report.needsReplyRecall).toBeGreaterThanOrEqual(0.99);
    expect(report.noReplyRecall).toBeGreaterThanOrEqual(0.9);
  });
});
