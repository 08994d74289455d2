import { describe, expect, it } from 'vitest';
import { parseRulesFile, RULES_LIMITS } from '../../../src/shared/suggestions/rules-schema';

const rule = (index: number, over: Record<string, unknown> = {}) => ({
  id: `rule-${index}`,
  title: `規則 ${index}`,
  keywords: [`關鍵字${index}`],
  examples: [`例句 ${index}`],
  reply: '您好，這是回覆',
  ...over,
});
const file = (rules: unknown[]) => JSON.stringify({ rules });
const errorsOf = (text: string) => {
  const result = parseRulesFile(text);
  return result.ok ? [] : result.errors;
};

describe('rules file limits', () => {
  it('accepts 1,000 rules up to the file size, and refuses a larger file as a whole', () => {
    const rules = Array.from({ length: RULES_LIMITS.rules }, (_, index) => rule(index, { reply: '回'.repeat(800) }));
    expect(file(rules).length).toBeLessThan(RULES_LIMITS.fileLength);
    expect(parseRulesFile(file(rules)).ok).toBe(true);
    const big = Array.from({ length: RULES_LIMITS.rules }, (_, index) => rule(index, { reply: '回'.repeat(RULES_LIMITS.replyLength) }));
    expect(errorsOf(file(big)).map((error) => error.message)).toEqual([
      `file: the rules file has ${file(big).length.toLocaleString('en')} characters; at most 1,000,000 are allowed`,
    ]);
  });

  it('refuses more than 1,000 rules', () => {
    const errors = errorsOf(file(Array.from({ length: RULES_LIMITS.rules + 1 }, (_, index) => rule(index))));
    expect(errors.map((error) => error.message)).toEqual(['rules: at most 1,000 rules per file']);
  });

  it('names the rule (index and id) and the field over a limit', () => {
    const errors = errorsOf(
      file([
        rule(0),
        rule(1, { reply: 'a'.repeat(RULES_LIMITS.replyLength + 1) }),
        rule(2, { keywords: Array.from({ length: RULES_LIMITS.keywordsPerRule + 1 }, (_, k) => `k${k}`) }),
        rule(3, { examples: ['e'.repeat(RULES_LIMITS.exampleLength + 1)] }),
        rule(4, { keywords: ['k'.repeat(RULES_LIMITS.keywordLength + 1)] }),
        rule(5, { examples: Array.from({ length: RULES_LIMITS.examplesPerRule + 1 }, (_, k) => `e${k}`) }),
      ]),
    );
    expect(errors.map((error) => [error.path, error.ruleId])).toEqual([
      ['rules[1].reply', 'rule-1'],
      ['rules[2].keywords', 'rule-2'],
      ['rules[3].examples[0]', 'rule-3'],
      ['rules[4].keywords[0]', 'rule-4'],
      ['rules[5].examples', 'rule-5'],
    ]);
    expect(errors[0]!.message).toBe(`rules[1].reply (rule "rule-1"): reply must have at most 5,000 characters (LINE's limit)`);
  });

  it('counts the reply in UTF-16 code units, as LINE does', () => {
    // 2,500 emoji = 5,000 code units: allowed; one more is over.
    expect(parseRulesFile(file([rule(0, { reply: '😀'.repeat(2500) })])).ok).toBe(true);
    expect(errorsOf(file([rule(0, { reply: `${'😀'.repeat(2500)}a` })]))).toHaveLength(1);
  });

  it('never repeats an over-long id in the messages', () => {
    const errors = errorsOf(file([rule(0, { id: 'z'.repeat(900_000) })]));
    expect(errors.map((error) => error.path)).toEqual(['rules[0].id']);
    expect(errors[0]!.ruleId).toBeUndefined();
    expect(errors[0]!.message.length).toBeLessThan(200);
  });
});
