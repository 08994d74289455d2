import { describe, expect, it } from 'vitest';
import { ConceptIndex } from '../../../src/shared/suggestions/concept-index';
import { sharedIntentClassifier } from '../../../src/shared/suggestions/intent-classifier';
import { normalizeText } from '../../../src/shared/suggestions/normalize';
import type { SuggestionRule } from '../../../src/shared/suggestions/rules-schema';

const rule = (id: string, title: string): SuggestionRule => ({ id, title, keywords: [], examples: [], reply: '請參考說明。' });

describe('what a rule answers, read from its title', () => {
  it('takes the last-named topic of a title as its head, the ones before it as what kind of thing it is about', () => {
    const rules = [rule('custom-returns', '客製商品退換貨'), rule('fee-and-time', '運費與出貨時間')];
    const concepts = new ConceptIndex(rules, sharedIntentClassifier(), [], normalizeText);
    const returns = concepts.profiles[0] as ReadonlyMap<string, number>;
    // Returns of custom goods: about returns; custom work is only what kind of goods.
    expect(returns.get('customization') ?? 0).toBeLessThan((returns.get('return') ?? 0) * 0.7);
    expect(concepts.mainIntent(0)).toBe('return');
    // Two topics joined by 與 are both heads.
    const both = concepts.profiles[1] as ReadonlyMap<string, number>;
    expect(both.get('shipping-fee') ?? 0).toBeGreaterThan(0.75);
    expect(both.get('shipping-time') ?? 0).toBeGreaterThan(0.75);
  });

  it('reads a rule’s examples like customers’ messages: wording no cue term names still says what the rule answers', () => {
    // No cue term is in "洗了會不會縮" or "東西還沒影欸"; the wording model reads care and tracking.
    const faq: SuggestionRule = { id: 'faq', title: '常見問題', keywords: [], examples: ['洗了會不會縮', '東西還沒影欸'], reply: '請參考說明。' };
    const profile = new ConceptIndex([faq], sharedIntentClassifier(), [], normalizeText).profiles[0] as ReadonlyMap<string, number>;
    expect(profile.get('care') ?? 0).toBeGreaterThan(0.6);
    expect(profile.get('tracking') ?? 0).toBeGreaterThan(0.6);
  });

  it('does not read a customer travelling abroad as sending abroad', () => {
    // The wording model may lean a little towards it (出國 is in many phrasings about sending abroad): never clearly.
    const overseas = sharedIntentClassifier().classify('下個月要出國十天').find((signal) => signal.intent === 'overseas');
    expect(overseas?.score ?? 0).toBeLessThan(0.5);
    expect(sharedIntentClassifier().classify('可以寄出國嗎')[0]?.intent).toBe('overseas');
  });
  it('reads what an example says beside the title’s topic as that topic’s setting, not as another topic the rule answers', () => {
    const coupon: SuggestionRule = { id: 'coupon', title: '折扣碼', keywords: [], examples: ['折扣碼輸入了沒反應'], reply: '請確認代碼。' };
    const repair: SuggestionRule = { id: 'repair', title: '保固維修', keywords: [], examples: ['壞了沒反應怎麼辦'], reply: '請寄回維修。' };
    // An example that does not name the title's topic extends what the rule answers, at full weight.
    const extended: SuggestionRule = { id: 'extended', title: '折扣碼', keywords: [], examples: ['收到的東西沒反應'], reply: '請來信。' };
    const concepts = new ConceptIndex([coupon, repair, extended], sharedIntentClassifier(), [], normalizeText);
    const defectiveOf = (i: number) => concepts.profiles[i]?.get('defective') ?? 0;
    expect(defectiveOf(0)).toBeLessThan(defectiveOf(2) * 0.7);
    // A fault the customer reports reaches the repair rule before the coupon rule.
    const [first] = concepts.match(sharedIntentClassifier().classify('用了三個月突然不會動了')).sort((a, b) => b.score - a.score);
    expect(first?.ruleIndex).toBe(1);
  });
});
