import { describe, expect, it } from 'vitest';
import { EnglishGlosses } from '../../../src/shared/suggestions/english-glosses';
import { createSuggestionEngine } from '../../../src/shared/suggestions/engine';
import type { SuggestionRule } from '../../../src/shared/suggestions/rules-schema';

const rule = (id: string, title: string, keywords: string[], examples: string[]): SuggestionRule => ({ id, title, keywords, examples, reply: `${title}：請參考說明。` });

describe('English words read in Chinese, for rules written in Chinese', () => {
  const rulesText = ['出貨前照片確認', '照片', '拍照', '匿名寄送', '不具名', '喪禮花籃', '告別式'].join('\n');

  it('gives the Chinese words of the shop’s own rules, through plural and short forms', () => {
    const glosses = new EnglishGlosses(rulesText);
    expect(glosses.of('can you send photos first?')).toContain('照片');
    expect(glosses.of('is it anonymous')).toContain('匿名');
    expect(glosses.of('flowers for a funeral')).toContain('喪禮');
  });

  it('reads every form a word may be listed under, comparatives too, and Taiwan’s 鍊 for CC-CEDICT’s 鏈', () => {
    const glosses = new EnglishGlosses(['耳朵', '項鍊長度', '太緊', '改大'].join('\n'));
    // "ears" is listed as itself (耳畔 …) and as "ear" (耳朵): both count.
    expect(glosses.of('sensitive ears')).toContain('耳朵');
    expect(glosses.of('how long is the necklace')).toContain('項鍊');
    expect(new EnglishGlosses('比較溫暖').of('which one is warmer')).toContain('溫暖');
    expect(new EnglishGlosses('鬆動').of('the looser strap')).toContain('鬆動');
  });

  it('reads a word as a single character only where a keyword of the shop has that character', () => {
    // "fish" is 魚 in CC-CEDICT (its measure-word note no longer hides the sense); nearly every text has some
    // common character, so a single one counts only from the keywords.
    const withKeyword = new EnglishGlosses(['魚缸', '孔雀魚', '活體寄送'].join('\n'), ['孔雀魚', '活體'].join('\n'));
    expect(withKeyword.of('the fish arrived dead')).toContain('魚');
    const inTextOnly = new EnglishGlosses(['魚缸', '孔雀魚'].join('\n'), ['運費'].join('\n'));
    expect(inTextOnly.of('the fish arrived dead')).not.toContain('魚');
  });

  it('reads no function word and nothing a rule does not say', () => {
    const glosses = new EnglishGlosses(rulesText);
    expect(glosses.of('can you do it for me please')).toEqual([]);
    expect(glosses.of('是中文')).toEqual([]);
    expect(new EnglishGlosses('運費').of('photo')).toEqual([]);
  });

  it('lets an English question meet a shop topic the built-in intents do not know', () => {
    const rules = [
      rule('balcony', '陽台種植建議', ['陽台', '日照'], ['陽台可以種嗎']),
      rule('anonymous', '匿名寄送', ['匿名', '不具名'], ['可以不要寫寄件人嗎']),
      rule('fee', '運費', ['運費'], ['運費怎麼算']),
    ];
    const engine = createSuggestionEngine(rules);
    // CC-CEDICT writes 陽臺; the rules' spelling is what counts.
    expect(engine.suggest('is my balcony too sunny for it?')[0]?.ruleId).toBe('balcony');
    expect(engine.suggest('can it live on a balcony')[0]?.ruleId).toBe('balcony');
    // A clear intent no rule answers ("fade" reads as a question about shades) does not stop the reading.
    const shop = createSuggestionEngine([rule('plating', '電鍍掉色', ['電鍍', '掉色'], ['電鍍會掉嗎']), rule('fee', '運費', ['運費'], ['運費怎麼算'])]);
    expect(shop.suggest('Does the gold colour fade over time?')[0]?.ruleId).toBe('plating');
    // The act is the customer's own: thanks in English stays thanks, whatever its words mean in Chinese.
    expect(engine.analyze('thanks, the balcony looks great now!').suggestions).toEqual([]);
  });
});
