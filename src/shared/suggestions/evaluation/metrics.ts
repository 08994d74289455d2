import type { LabelledMessage } from './dataset';

export interface AccuracyReport {
  /** Messages that have an expected rule. */
  readonly answerable: number;
  /** Messages no rule should answer. */
  readonly unanswerable: number;
  /** Share of answerable messages whose first suggestion is an expected rule. */
  readonly top1: number;
  /** Share of answerable messages with an expected rule among the first three suggestions. */
  readonly top3: number;
  /** Share of unanswerable messages that got any suggestion. */
  readonly falseSuggestionRate: number;
  readonly misses: ReadonlyArray<{ text: string; expected: readonly string[]; got: readonly string[] }>;
}

/** Scores a suggester (text → ranked rule ids) against a labelled set. */
export function measureAccuracy(messages: readonly LabelledMessage[], suggest: (text: string) => readonly string[]): AccuracyReport {
  let answerable = 0;
  let unanswerable = 0;
  let top1 = 0;
  let top3 = 0;
  let falseSuggestions = 0;
  const misses: Array<{ text: string; expected: readonly string[]; got: readonly string[] }> = [];
  for (const message of messages) {
    const got = suggest(message.text).slice(0, 3);
    if (message.expected.length === 0) {
      unanswerable += 1;
      if (got.length > 0) {
        falseSuggestions += 1;
        misses.push({ text: message.text, expected: message.expected, got });
      }
      continue;
    }
    answerable += 1;
    const first = got[0];
    if (first !== undefined && message.expected.includes(first)) top1 += 1;
    else misses.push({ text: message.text, expected: message.expected, got });
    if (got.some((id) => message.expected.includes(id))) top3 += 1;
  }
  return {
    answerable,
    unanswerable,
    top1: answerable === 0 ? 0 : top1 / answerable,
    top3: answerable === 0 ? 0 : top3 / answerable,
    falseSuggestionRate: unanswerable === 0 ? 0 : falseSuggestions / unanswerable,
    misses,
  };
}
