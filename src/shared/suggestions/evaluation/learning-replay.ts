import { createSuggestionEngine } from '../engine';
import type { LearnedExample } from '../learned-examples';
import type { SuggestionRule } from '../rules-schema';
import type { LabelledMessage } from './dataset';
import { measureAccuracy, type AccuracyReport } from './metrics';

export interface LearningReplay {
  /** Verdicts the simulated team gave on the first half. */
  readonly learned: number;
  readonly before: AccuracyReport;
  readonly after: AccuracyReport;
}

/** Deterministic shuffle (mulberry32): the labelled sets are grouped by rule, customers do not write in that order. */
export function arrivalOrder<T>(items: readonly T[], seed = 17): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * Replays a labelled set in arrival order as a team would use the product: on the first half, agents send
 * the right rule for every message that needs one (it becomes an example) and say "not this one" to a
 * wrong first suggestion (including any suggestion for a message that needs none). The second half is
 * then measured with and without what was learned.
 */
export function replayLearning(rules: readonly SuggestionRule[], labelled: readonly LabelledMessage[]): LearningReplay {
  const messages = arrivalOrder(labelled);
  const half = Math.floor(messages.length / 2);
  const base = createSuggestionEngine(rules);
  const learned: LearnedExample[] = [];
  for (const message of messages.slice(0, half)) {
    const top = base.suggest(message.text)[0];
    const right = message.expected[0];
    if (top !== undefined && !message.expected.includes(top.ruleId)) learned.push({ ruleId: top.ruleId, text: message.text, verdict: 'rejected' });
    if (right !== undefined) learned.push({ ruleId: right, text: message.text, verdict: top?.ruleId === right ? 'accepted' : 'edited' });
  }
  const taught = createSuggestionEngine(rules, { learned });
  const secondHalf = messages.slice(half);
  return {
    learned: learned.length,
    before: measureAccuracy(secondHalf, (text) => base.suggest(text).map((s) => s.ruleId)),
    after: measureAccuracy(secondHalf, (text) => taught.suggest(text).map((s) => s.ruleId)),
  };
}
