import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSuggestionEngine, isConfidentKeywordMatch, type Suggestion } from '../../../src/shared/suggestions/engine';
import { parseRulesFile, type SuggestionRule } from '../../../src/shared/suggestions/rules-schema';

function demoRules(): SuggestionRule[] {
  const parsed = parseRulesFile(readFileSync(path.resolve(__dirname, '../../../resources/demo/rules.json'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.rules;
}

const engine = createSuggestionEngine(demoRules());
const ids = (suggestions: Suggestion[]): string[] => suggestions.map((s) => s.ruleId);

describe('createSuggestionEngine on the demo rules', () => {
  it.each(['你好', '哈囉～', 'hi', '在嗎？', '謝謝', '感恩', '3Q', 'thx!', 'Thank you so much', '好的', '收到', '👍', '😂😂😂', '   '])(
    'abstains on small talk: %s',
    (text) => {
      expect(engine.suggest(text)).toEqual([]);
    },
  );

  it('abstains on chit-chat, and offers a near miss no more than a weak guess', () => {
    expect(engine.suggest('你們老闆人很好')).toEqual([]);
    expect(engine.suggest('今天天氣好熱喔')).toEqual([]);
    // A request no rule answers: at most a weak guess from the wording model (never auto-sent).
    for (const suggestion of engine.suggest('我想買運動鞋')) expect(suggestion.score).toBeLessThan(0.5);
  });

  it('ranks the right rule first for keyword and paraphrased questions', () => {
    expect(ids(engine.suggest('請問運費多少'))[0]).toBe('shipping-fee');
    expect(ids(engine.suggest('滿多少才免運啊～'))[0]).toBe('shipping-fee');
    expect(ids(engine.suggest('小七取貨可以嗎'))[0]).toBe('store-pickup');
    expect(ids(engine.suggest('下单以后大概几天能到'))[0]).toBe('shipping-time');
    expect(ids(engine.suggest('how do i get a refund'))[0]).toBe('returns-refund');
    expect(ids(engine.suggest('你們的店在哪裡'))[0]).toBe('store-hours');
  });

  it('still answers when a greeting comes with the question', () => {
    expect(ids(engine.suggest('你好～請問可以刷卡嗎？謝謝'))[0]).toBe('payment-methods');
  });

  it('tolerates typos in Latin words', () => {
    expect(ids(engine.suggest('do you have a refnud policy'))[0]).toBe('returns-refund');
  });

  it('returns at most three suggestions, best first, with scores in 0..1 and a reason', () => {
    for (const text of ['退貨的運費誰出', '7-11取貨大概幾天會到', '寄到香港運費多少']) {
      const suggestions = engine.suggest(text);
      expect(suggestions.length).toBeGreaterThan(0);
      expect(suggestions.length).toBeLessThanOrEqual(3);
      const scores = suggestions.map((s) => s.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      for (const s of suggestions) {
        expect(s.score).toBeGreaterThan(0);
        expect(s.score).toBeLessThanOrEqual(1);
        expect(s.reason).toMatch(/^(matched 「.+」|like 「.+」|similar to 「.+」)/);
      }
    }
  });

  it('explains a keyword match by the keyword and a paraphrase by the closest example', () => {
    const [byKeyword] = engine.suggest('運費怎麼算');
    expect(byKeyword).toMatchObject({ ruleId: 'shipping-fee', matchedBy: 'keyword', reason: 'matched 「運費」' });
    const [byIntent] = engine.suggest('東西可以直接寄到我家嗎');
    expect(byIntent?.ruleId).toBe('home-delivery');
    expect(byIntent?.matchedBy).toBe('intent');
    expect(byIntent?.reason).toMatch(/^similar to 「/);
  });

  it('is deterministic', () => {
    const again = createSuggestionEngine(demoRules());
    for (const text of ['退貨的運費誰出', '超商取貨可以付現嗎', 'where is my package']) expect(again.suggest(text)).toEqual(engine.suggest(text));
  });

  it('flags only strong keyword matches as confident enough for auto-send', () => {
    const [strong] = engine.suggest('門市營業時間是幾點到幾點');
    expect(strong?.ruleId).toBe('store-hours');
    expect(strong && isConfidentKeywordMatch(strong)).toBe(true);
    expect(isConfidentKeywordMatch({ ruleId: 'x', score: 0.99, matchedBy: 'intent', reason: '' })).toBe(false);
    expect(isConfidentKeywordMatch({ ruleId: 'x', score: 0.8, matchedBy: 'keyword', reason: '' })).toBe(false);
  });
});

describe('createSuggestionEngine on other rule sets', () => {
  it('works with no rules at all', () => {
    expect(createSuggestionEngine([]).suggest('運費多少')).toEqual([]);
  });

  it('ranks by evidence: a rule whose keyword and examples both fit beats one with a shared word only', () => {
    const rules: SuggestionRule[] = [
      { id: 'fee', title: '運費', keywords: ['運費'], examples: ['運費多少錢'], reply: 'a' },
      { id: 'sports', title: '運動服飾', keywords: ['運動'], examples: ['有運動褲嗎'], reply: 'b' },
    ];
    const small = createSuggestionEngine(rules);
    expect(ids(small.suggest('運費要多少錢'))).toEqual(['fee']);
    expect(ids(small.suggest('有賣運動鞋嗎'))[0]).toBe('sports');
  });

  it('uses English-only rules for English messages', () => {
    const rules: SuggestionRule[] = [
      { id: 'hours', title: 'Opening hours', keywords: ['opening hours'], examples: ['When do you open?'], reply: 'a' },
      { id: 'returns', title: 'Returns', keywords: ['return', 'refund'], examples: ['Can I return this?'], reply: 'b' },
    ];
    const english = createSuggestionEngine(rules);
    expect(ids(english.suggest('what are your opening hours on sunday'))[0]).toBe('hours');
    expect(ids(english.suggest('I would like a refund please'))[0]).toBe('returns');
  });
});
