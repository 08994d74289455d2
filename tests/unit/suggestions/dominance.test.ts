import { describe, expect, it } from 'vitest';
import { createSuggestionEngine } from '../../../src/shared/suggestions/engine';
import type { SuggestionRule } from '../../../src/shared/suggestions/rules-schema';

const rule = (id: string, title: string, keywords: string[], examples: string[], reply: string): SuggestionRule => ({ id, title, keywords, examples, reply });

const fee = rule('fee', '運費', ['運費', '免運'], ['運費多少'], '滿 1,500 元免運，未滿宅配 100 元。');
const time = rule('time', '出貨時間', ['出貨', '幾天寄'], ['下單多久寄出'], '付款後 1–3 個工作天出貨。');
const overseas = rule('overseas', '海外寄送', ['海外', '國外'], ['可以寄國外嗎'], '可寄香港、新加坡，運費 350 元起，約 7–14 天到貨。');

describe('an intent that dominates another', () => {
  it('puts the rule about sending abroad before the general shipping rules when the message names a foreign place', () => {
    const engine = createSuggestionEngine([fee, time, overseas]);
    expect(engine.suggest('寄馬來西亞運費大概多少')[0]?.ruleId).toBe('overseas');
    expect(engine.suggest('寄到新加坡要幾天')[0]?.ruleId).toBe('overseas');
    expect(engine.suggest('運費多少')[0]?.ruleId).toBe('fee');
  });

  it('takes nothing from a rule when no rule answers the dominating intent: it is then the shop’s best answer', () => {
    const engine = createSuggestionEngine([fee, time, rule('tracking', '包裹查詢', ['單號', '物流'], ['包裹到哪了'], '出貨後會寄物流單號。')]);
    expect(engine.suggest('寄馬來西亞運費大概多少')[0]?.ruleId).toBe('fee');
  });
});
