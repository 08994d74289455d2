import { describe, expect, it } from 'vitest';
import { insertIntoDraft, suggestionIndexFor, type SuggestionKey } from '../../../src/renderer/features/suggestions/suggestion-keys';
import {
  errorsForRule,
  exportRulesJson,
  filterRules,
  linesToList,
  newRuleId,
  validateRules,
} from '../../../src/renderer/features/rules/rules-draft';
import { parseRulesFile, type SuggestionRule } from '../../../src/shared/suggestions/rules-schema';
import { en } from '../../../src/renderer/i18n/en';
import { zhTW } from '../../../src/renderer/i18n/zh-TW';

function key(overrides: Partial<SuggestionKey>): SuggestionKey {
  return { key: '1', code: 'Digit1', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, isComposing: false, inTextField: false, ...overrides };
}

describe('suggestion keys', () => {
  it('1/2/3 pick a suggestion outside text fields, only as many as are shown', () => {
    expect(suggestionIndexFor(key({}), 3)).toBe(0);
    expect(suggestionIndexFor(key({ key: '3', code: 'Digit3' }), 3)).toBe(2);
    expect(suggestionIndexFor(key({ key: '3', code: 'Digit3' }), 2)).toBeNull();
    expect(suggestionIndexFor(key({ key: '4', code: 'Digit4' }), 3)).toBeNull();
    expect(suggestionIndexFor(key({ key: '1', code: 'Numpad1' }), 3)).toBe(0);
  });

  it('leaves plain digits to the composer and takes Alt+digit there (also as macOS reports it)', () => {
    expect(suggestionIndexFor(key({ inTextField: true }), 3)).toBeNull();
    expect(suggestionIndexFor(key({ inTextField: true, altKey: true, key: '¡' }), 3)).toBe(0);
    expect(suggestionIndexFor(key({ ctrlKey: true }), 3)).toBeNull();
    expect(suggestionIndexFor(key({ isComposing: true }), 3)).toBeNull();
  });

  it('inserts the reply alone into an empty composer and after the agent’s draft otherwise', () => {
    expect(insertIntoDraft('  ', '滿千免運喔！')).toBe('滿千免運喔！');
    expect(insertIntoDraft('您好～\n', '滿千免運喔！')).toBe('您好～\n滿千免運喔！');
  });
});

const rule = (id: string, extra: Partial<SuggestionRule> = {}): SuggestionRule => ({
  id,
  title: `title ${id}`,
  keywords: [],
  examples: [],
  reply: 'ok',
  ...extra,
});

describe('rules editor helpers', () => {
  it('reads one keyword per line, dropping blank lines and spaces', () => {
    expect(linesToList(' 運費 \n\n免運\n')).toEqual(['運費', '免運']);
  });

  it('searches id, title, keywords, examples and reply', () => {
    const rules = [rule('a', { keywords: ['運費'] }), rule('b', { reply: 'Free SHIPPING' }), rule('c')];
    expect(filterRules(rules, '運費').map((found) => found.index)).toEqual([0]);
    expect(filterRules(rules, 'shipping').map((found) => found.index)).toEqual([1]);
    expect(filterRules(rules, ' ')).toHaveLength(3);
  });

  it('gives new rules an unused id', () => {
    expect(newRuleId([rule('rule-2'), rule('x')])).toBe('rule-3');
  });

  it('validates like the relay and attributes errors to the rule', () => {
    const errors = validateRules([rule('a'), rule('a', { reply: ' ' })]);
    expect(errors.map((error) => error.path)).toEqual(['rules[1].reply', 'rules[1].id']);
    expect(errorsForRule(errors, 0)).toEqual([]);
    expect(errorsForRule(errors, 1)).toHaveLength(2);
  });

  it('exports a file that imports back to the same rules', () => {
    const rules = [rule('a', { keywords: ['運費'], autoSend: true })];
    expect(parseRulesFile(exportRulesJson(rules))).toEqual({ ok: true, rules });
  });

  it('has every new text in both languages', () => {
    const keys = Object.keys(zhTW).filter((k) => /^(suggestions|rules|nav|message)\./.test(k));
    expect(keys.length).toBeGreaterThan(40);
    for (const k of keys) expect(en[k as keyof typeof en], k).toBeTruthy();
  });
});
