import { z } from 'zod';
import type { SuggestionRule } from './rules-schema';
import type { AnalyzedText } from './text-analyzer';

/**
 * What the team taught the engine: a customer message an agent answered with a rule's reply (as is or
 * edited), or one for which an agent said "not this one" to the rule.
 */
export const learnedExampleSchema = z.object({
  ruleId: z.string().min(1),
  text: z.string().min(1),
  verdict: z.enum(['accepted', 'edited', 'rejected']),
});
export type LearnedExample = z.infer<typeof learnedExampleSchema>;

/** Per rule (by index): phrasings that are examples of it, and phrasings it was wrong for. */
export interface LearnedByRule {
  readonly examples: ReadonlyArray<readonly string[]>;
  readonly rejected: ReadonlyArray<readonly string[]>;
}

/** Learned phrasings beyond this many per rule are ignored (the newest count): they are examples, not a corpus. */
export const MAX_LEARNED_PER_RULE = 40;

/**
 * Tallies the team's verdicts per rule and phrasing (same words in any case or spacing count together):
 * more sends than "not this one" make the phrasing an example; more "not this one" make it a rejection.
 * Examples of rules that no longer exist are dropped.
 */
export function tallyLearned(rules: readonly SuggestionRule[], learned: readonly LearnedExample[]): LearnedByRule {
  const indexOf = new Map(rules.map((rule, index) => [rule.id, index]));
  const votes = new Map<string, { ruleIndex: number; text: string; net: number; order: number }>();
  learned.forEach((example, order) => {
    const ruleIndex = indexOf.get(example.ruleId);
    if (ruleIndex === undefined) return;
    const key = `${ruleIndex}\u0000${example.text.trim().toLowerCase().replace(/\s+/g, ' ')}`;
    const entry = votes.get(key) ?? { ruleIndex, text: example.text.trim(), net: 0, order };
    entry.net += example.verdict === 'rejected' ? -1 : 1;
    entry.order = order;
    votes.set(key, entry);
  });
  const examples: string[][] = rules.map(() => []);
  const rejected: string[][] = rules.map(() => []);
  for (const entry of [...votes.values()].sort((a, b) => b.order - a.order)) {
    if (entry.net === 0) continue;
    const list = (entry.net > 0 ? examples : rejected)[entry.ruleIndex] as string[];
    if (list.length < MAX_LEARNED_PER_RULE) list.push(entry.text);
  }
  return { examples, rejected };
}

/**
 * Cosine of two feature maps over their words only (family-weighted counts, no IDF, no lexicon concepts):
 * enough to recognise the same phrasing. Concepts are left out because one shared concept ("size") would
 * make any two short messages about it look alike ("what size should I get", "a custom size").
 */
export function wordingCosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [key, value] of a) {
    if (key.startsWith('c:')) continue;
    na += value * value;
    const other = b.get(key);
    if (other !== undefined) dot += value * other;
  }
  for (const [key, value] of b) if (!key.startsWith('c:')) nb += value * value;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** A message this close to a rejected phrasing of a rule counts as that phrasing. */
export const SAME_PHRASING = 0.8;

/** "Not this one": rules demoted for messages worded like a phrasing the team rejected them for. */
export class Rejections {
  constructor(private readonly byRule: ReadonlyArray<readonly AnalyzedText[]>) {}

  /** 1 when the rule was never rejected for such a wording, else the share of its score it keeps. */
  share(ruleIndex: number, message: AnalyzedText, rejectedShare: number): number {
    const rejected = this.byRule[ruleIndex];
    if (rejected === undefined || rejected.length === 0) return 1;
    return rejected.some((phrasing) => wordingCosine(phrasing.features, message.features) >= SAME_PHRASING) ? rejectedShare : 1;
  }
}
