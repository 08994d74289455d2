import { describe, expect, it } from 'vitest';
import { createSuggestionEngine } from '../../../src/shared/suggestions/engine';
import type { SuggestionRule } from '../../../src/shared/suggestions/rules-schema';

/** A shop that answers every problem with what arrived in one rule, and has no rule for missing items. */
const rules: SuggestionRule[] = [
  { id: 'problems', title: '破損與品質問題', keywords: ['破損'], examples: ['收到盒子破了'], reply: '請拍照並提供訂單編號，我們會補寄或退款。' },
  { id: 'shipping-time', title: '出貨時間', keywords: ['出貨'], examples: ['什麼時候出貨'], reply: '付款後 2 天內出貨。' },
  { id: 'pickup', title: '超商取貨', keywords: ['超商'], examples: ['可以寄 7-11 嗎'], reply: '可寄 7-11、全家。' },
  { id: 'home', title: '宅配到府', keywords: ['宅配'], examples: ['可以寄到家嗎'], reply: '宅配到府 100 元。' },
];

describe('intent families', () => {
  const engine = createSuggestionEngine(rules);

  it('lead a problem no rule names (a missing item) to the rule for its family (problems with what arrived)', () => {
    expect(engine.suggest('訂了三盒只來了兩盒')[0]?.ruleId).toBe('problems');
    expect(engine.suggest('少給我一個杯子')[0]?.ruleId).toBe('problems');
  });

  it('read a complaint in words no intent knows as a problem with what arrived', () => {
    expect(engine.suggest('打開來東西灑得整箱都是 很誇張')[0]?.ruleId).toBe('problems');
  });

  it('never stand in for a rule that answers the intent itself', () => {
    expect(engine.suggest('可以寄到全家嗎')[0]?.ruleId).toBe('pickup');
    expect(engine.suggest('想要黑貓送到家')[0]?.ruleId).toBe('home');
  });
});
