import { describe, expect, it } from 'vitest';
import { createSuggestionEngine } from '../../../src/shared/suggestions/engine';
import { normalizeText } from '../../../src/shared/suggestions/normalize';
import type { SuggestionRule } from '../../../src/shared/suggestions/rules-schema';
import { TopicCharacters } from '../../../src/shared/suggestions/topic-characters';

const rule = (id: string, title: string, keywords: string[], examples: string[], reply: string): SuggestionRule => ({
  id,
  title,
  keywords,
  examples,
  reply,
  autoSend: false,
});

// A shoe shop with a repair and a cleaning service beside the usual topics.
const rules: SuggestionRule[] = [
  rule('shipping-time', '出貨時間', ['出貨', '寄出'], ['下單後多久出貨'], '下單後 2 個工作天內出貨。'),
  rule('shipping-fee', '運費', ['運費', '免運'], ['運費怎麼算'], '滿 1500 免運，未滿酌收 80 元。'),
  // Titles and replies that never say 修 or 洗: only the keywords name the service.
  rule('repair', '售後服務', ['維修', '換底'], ['鞋底開口笑可以處理嗎'], '鞋底脫膠、換底約 7–10 個工作天，依狀況報價。'),
  rule('cleaning', '白鞋保養', ['清洗', '洗鞋'], ['白鞋變黃怎麼辦'], '一雙 450 元，約 5 天完成，白鞋去黃另計。'),
  rule('price', '價格與尺寸', ['價格', '尺寸'], ['這雙多少錢'], '價格以商品頁為準，尺寸請參考尺寸表。'),
  rule('sports', '運動鞋系列', ['運動鞋', '慢跑鞋'], ['有推薦的慢跑鞋嗎'], '運動鞋系列請見官網分類。'),
];

describe('a character that only one rule’s keywords have', () => {
  it('names that rule’s topic; one two rules share, or everyday shop talk, names none', () => {
    const characters = new TopicCharacters(rules.map((r) => r.keywords.map(normalizeText)));
    expect([...characters.match(normalizeText('修好要多久'))]).toEqual([[2, '修']]);
    expect([...characters.match(normalizeText('可以幫我洗嗎'))]).toEqual([[3, '洗']]);
    // 運 is in 運費 and 運動鞋; 寄 and 貨 are in a fifth of everything customers ask.
    expect(characters.match(normalizeText('運'))).toEqual(new Map());
    expect(characters.match(normalizeText('寄貨'))).toEqual(new Map());
  });

  it('brings the shop’s own service forward when the customer shortens its name', () => {
    const engine = createSuggestionEngine(rules);
    const ids = (text: string) => engine.suggest(text).map((s) => s.ruleId);
    // "這雙" is closest to the price rule's example; 洗 is what the customer asks for.
    expect(ids('這雙可以幫我洗一下嗎')[0]).toBe('cleaning');
    expect(ids('鞋跟可以修嗎')[0]).toBe('repair');
    // The agent is told which keyword the character stands for; one character never sends a reply by itself.
    const [wash] = engine.suggest('這雙可以幫我洗一下嗎');
    expect(wash?.evidence).toEqual({ kind: 'keyword', text: '清洗', approximate: true });
    expect(wash?.matchedBy).toBe('intent');
    // A keyword found accounts for its characters: "運費" says nothing about running shoes.
    const sports = engine.suggest('運費多少').find((s) => s.ruleId === 'sports');
    expect(sports?.score ?? 0).toBeLessThan(0.1);
  });
});
