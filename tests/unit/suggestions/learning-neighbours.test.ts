import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSuggestionEngine } from '../../../src/shared/suggestions/engine';
import type { LearnedExample } from '../../../src/shared/suggestions/learned-examples';
import { parseRulesFile, type SuggestionRule } from '../../../src/shared/suggestions/rules-schema';

const rules: SuggestionRule[] = [
  { id: 'sizing', title: '尺寸建議', keywords: ['尺寸', '尺碼'], examples: ['要穿哪個尺寸', '會不會偏小'], reply: '尺寸表在商品頁，介於兩個尺寸之間建議選大一號。' },
  { id: 'custom', title: '客製訂做', keywords: ['客製', '訂做'], examples: ['可以訂做嗎', '可以刻字嗎'], reply: '可客製尺寸與刻字，工期約 14 天，請私訊需求。' },
  { id: 'shipping-fee', title: '運費', keywords: ['運費'], examples: ['運費多少'], reply: '滿 999 免運。' },
];

/** What the team answered with the custom-order rule: customers asking for their own measurements. */
const taught: LearnedExample[] = [
  { ruleId: 'custom', text: 'can you make it in a custom size', verdict: 'accepted' },
  { ruleId: 'custom', text: '想做特別的尺寸 長度要 200 公分', verdict: 'edited' },
  { ruleId: 'custom', text: '尺寸可以照我給的做嗎', verdict: 'accepted' },
];

describe('learned messages of a neighbouring rule', () => {
  it('do not take the sizing questions from the rule whose own words answer them', () => {
    const engine = createSuggestionEngine(rules, { learned: taught });
    for (const text of ['what size should I get', '身高 165 要選哪個尺寸', '這件尺寸偏大還是偏小']) {
      expect(engine.suggest(text)[0]?.ruleId, text).toBe('sizing');
    }
  });

  it('still answer a repeat of a learned question with its rule', () => {
    const engine = createSuggestionEngine(rules, { learned: taught });
    expect(engine.suggest('尺寸可以照我給的做嗎？')[0]?.ruleId).toBe('custom');
    expect(engine.suggest('Can you make it in a custom size?')[0]?.ruleId).toBe('custom');
  });
});

describe('a learned message that shares only a word or two with a new one', () => {
  it('does not pull its rule into a question about something else ("蛋白質含量多少" is no points question)', () => {
    const parsed = parseRulesFile(readFileSync(path.resolve(__dirname, '../../fixtures/suggestions/shops/pet-supplies/rules.json'), 'utf8'));
    if (!parsed.ok) throw new Error('the pet-supplies rules do not parse');
    const learned: LearnedExample[] = [{ ruleId: 'member', text: '積點可以折多少', verdict: 'accepted' }];
    const before = createSuggestionEngine(parsed.rules).suggest('蛋白質含量多少').map((s) => s.ruleId);
    const after = createSuggestionEngine(parsed.rules, { learned }).suggest('蛋白質含量多少').map((s) => s.ruleId);
    expect(after).toEqual(before);
    expect(after).toContain('ingredients');
  });
});

describe('what the team taught a rule', () => {
  it('adds wordings, and does not make the intents its own words already name more certain', () => {
    const parsed = parseRulesFile(readFileSync(path.resolve(__dirname, '../../fixtures/suggestions/shops/plants/rules.json'), 'utf8'));
    if (!parsed.ok) throw new Error('the plants rules do not parse');
    // Sends of the return rule: each names returns or exchanges, which its title already does.
    const learned: LearnedExample[] = [
      { ruleId: 'returns-exchange', text: '我媽說家裡放不下 想寄回去 箱子都還沒拆', verdict: 'accepted' },
      { ruleId: 'returns-exchange', text: '收到覺得跟網站照片長得不太一樣 想退', verdict: 'accepted' },
      { ruleId: 'returns-exchange', text: '盆器顏色跟想像中不一樣 還沒用過 能換嗎', verdict: 'accepted' },
      { ruleId: 'returns-exchange', text: 'Can I return the plant if I change my mind?', verdict: 'accepted' },
    ];
    const text = '收到後葉子垂下來了 要換大盆嗎';
    expect(createSuggestionEngine(parsed.rules).suggest(text)[0]?.ruleId).toBe('arrival-yellowing');
    expect(createSuggestionEngine(parsed.rules, { learned }).suggest(text)[0]?.ruleId).toBe('arrival-yellowing');
  });
});
