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

  it('does not read a customer travelling abroad as sending abroad', () => {
    const [first] = sharedIntentClassifier().classify('下個月要出國十天');
    expect(first?.intent).not.toBe('overseas');
    expect(sharedIntentClassifier().classify('可以寄出國嗎')[0]?.intent).toBe('overseas');
  });
});
