import { parseRulesFile, type RulesFileError, type SuggestionRule } from '../../../shared/suggestions/rules-schema';

/** Pure helpers of the rules editor (DOM-free, unit-tested). */

/** One entry per non-empty line, trimmed: how keywords and examples are typed in the editor. */
export function linesToList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export function listToLines(list: readonly string[]): string {
  return list.join('\n');
}

/** Rules whose id, title, keywords, examples or reply contain the query (case-insensitive). */
export function filterRules(rules: readonly SuggestionRule[], query: string): Array<{ rule: SuggestionRule; index: number }> {
  const needle = query.trim().toLowerCase();
  const all = rules.map((rule, index) => ({ rule, index }));
  if (needle === '') return all;
  return all.filter(({ rule }) =>
    [rule.id, rule.title, rule.reply, ...rule.keywords, ...rule.examples].some((text) => text.toLowerCase().includes(needle)),
  );
}

/** A fresh id that no rule uses yet: rule-1, rule-2, … */
export function newRuleId(rules: readonly SuggestionRule[]): string {
  const taken = new Set(rules.map((rule) => rule.id));
  let n = rules.length + 1;
  while (taken.has(`rule-${n}`)) n += 1;
  return `rule-${n}`;
}

/** Exactly what the relay will check (the same parser), so the editor can show problems before saving. */
export function validateRules(rules: readonly SuggestionRule[]): RulesFileError[] {
  const parsed = parseRulesFile(JSON.stringify({ rules }));
  return parsed.ok ? [] : parsed.errors;
}

/** The errors that concern rule `index` (for marking it in the list). */
export function errorsForRule(errors: readonly RulesFileError[], index: number): RulesFileError[] {
  return errors.filter((error) => error.path === `rules[${index}]` || error.path.startsWith(`rules[${index}].`));
}

/** The rules file as the CLI, the relay and an import read it. */
export function exportRulesJson(rules: readonly SuggestionRule[]): string {
  return `${JSON.stringify({ rules }, null, 2)}\n`;
}

export function sameRules(a: readonly SuggestionRule[], b: readonly SuggestionRule[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
