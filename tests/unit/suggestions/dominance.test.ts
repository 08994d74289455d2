import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSuggestionEngine } from '../../../src/shared/suggestions/engine';
import { parseRulesFile, type SuggestionRule } from '../../../src/shared/suggestions/rules-schema';

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

describe('a dominating intent read from the wording alone', () => {
  it('still says what the message is not about, even when no rule answers it', () => {
    // The small skincare shop of the tuning sets: its delivery rule says "多久會到", its expiry rule "開封後可以放多久".
    const parsed = parseRulesFile(readFileSync(path.resolve(__dirname, '../../fixtures/suggestions/alt-rules.json'), 'utf8'));
    if (!parsed.ok) throw new Error('alt-rules.json does not parse');
    // "能用多久" reads like battery life (no rule answers it), which is not a question about delivery.
    expect(createSuggestionEngine(parsed.rules).suggest('這瓶開了能用多久')[0]?.ruleId).toBe('expiry');
  });
});

describe('a keyword other rules speak of too', () => {
  const shop = (rentalReply: string, careReply: string) =>
    createSuggestionEngine([
      rule('warmth', '保暖與溫標', ['睡袋', '溫標'], ['山上會不會冷'], '舒適溫標標在吊牌上，高山建議選 0 度以下的睡袋。'),
      rule('rental', '裝備租借', ['租借', '出租'], ['可以租嗎'], rentalReply),
      rule('care', '收納保養', ['收納', '清洗'], ['用完怎麼收'], careReply),
      rule('fee', '運費', ['運費'], ['運費多少'], '滿 2,000 元免運。'),
    ]);
  const scoreOf = (engine: ReturnType<typeof shop>, text: string, ruleId: string) => engine.suggest(text).find((s) => s.ruleId === ruleId)?.score ?? 0;
  // The same shop, once with two other rules whose replies speak of 睡袋 and once without.
  const spoken = shop('帳篷、睡袋、睡墊都可以租，週五取週一還，押金 1,000 元。', '睡袋不要長期壓在壓縮袋裡，回家後攤開晾乾再收納。');
  const alone = shop('帳篷、睡墊都可以租，週五取週一還，押金 1,000 元。', '不要長期壓在壓縮袋裡，回家後攤開晾乾再收納。');

  it('counts for less: it names what the message is about, not what it asks', () => {
    expect(scoreOf(spoken, '想租兩個睡袋', 'warmth')).toBeLessThan(scoreOf(alone, '想租兩個睡袋', 'warmth') - 0.1);
  });

  it('still decides when the message says nothing else', () => {
    expect(spoken.suggest('睡袋')[0]?.ruleId).toBe('warmth');
  });
});
