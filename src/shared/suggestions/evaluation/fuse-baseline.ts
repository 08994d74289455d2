import Fuse from 'fuse.js';
import type { SuggestionRule } from '../rules-schema';

/**
 * The plain approach the engine is compared against: fuse.js over every rule's title, keywords and
 * examples with fuse.js defaults (threshold 0.6) plus ignoreLocation (a question can be anywhere in a
 * message), best three distinct rules under the threshold. Stricter thresholds lose recall, looser ones
 * suggest something for almost every greeting (see docs/suggestions.md).
 */
export function createFuseBaseline(rules: readonly SuggestionRule[], threshold = 0.6): (text: string) => string[] {
  const entries = rules.flatMap((rule) => [rule.title, ...rule.keywords, ...rule.examples].map((text) => ({ ruleId: rule.id, text })));
  const fuse = new Fuse(entries, { keys: ['text'], includeScore: true, threshold, ignoreLocation: true });
  return (text: string) => bestThreeRules(fuse.search(text));
}

/** The keyword-only variant used by the speed benchmark: fuse.js over every keyword of every rule. */
export function createFuseKeywordBaseline(rules: readonly SuggestionRule[], threshold = 0.4): (text: string) => string[] {
  const entries = rules.flatMap((rule) => rule.keywords.map((keyword) => ({ ruleId: rule.id, keyword })));
  const fuse = new Fuse(entries, { keys: ['keyword'], includeScore: true, threshold, ignoreLocation: true });
  return (text: string) => bestThreeRules(fuse.search(text));
}

/** Fuse ranks entries best first; a rule counts once, at its best entry. */
function bestThreeRules(results: readonly { item: { ruleId: string } }[]): string[] {
  const ids: string[] = [];
  for (const result of results) {
    if (!ids.includes(result.item.ruleId)) ids.push(result.item.ruleId);
    if (ids.length === 3) break;
  }
  return ids;
}
