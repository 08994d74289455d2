import { describe, expect, it } from 'vitest';
import { sharedIntentClassifier } from '../../../src/shared/suggestions/intent-classifier';
import { normalizeText } from '../../../src/shared/suggestions/normalize';

const read = (text: string) => new Map(sharedIntentClassifier().classify(text).map((s) => [s.intent, s.score]));

describe('a cue term the wording as a whole contradicts', () => {
  it('names the setting, not what is asked: it counts for half', () => {
    // 匯款 names a way to pay the customer does not want; 包裹 the parcel the damage came in.
    const card = read('只能匯款嗎 我比較想刷卡');
    expect(card.get('payment-methods')).toBeGreaterThan(0.9);
    expect(card.get('bank-transfer') ?? 0).toBeLessThan(0.5);
    const soaked = read('包裹外箱濕掉 裡面的東西都泡水了');
    expect(soaked.get('damaged')).toBeGreaterThan(0.9);
    expect(soaked.get('tracking') ?? 0).toBeLessThan(0.5);
  });

  it('keeps both topics of a message that asks two things, and a reliable cue the model reads past', () => {
    const both = read('公司尾牙要訂60份 可以開統編嗎');
    expect(both.get('bulk-order')).toBeGreaterThan(0.8);
    expect(both.get('invoice')).toBeGreaterThan(0.5);
    // The model reads a parcel being tracked; 攔得住 is found in texts about cancelling only.
    const intercept = sharedIntentClassifier().classify('包裹寄出了還攔得住嗎');
    expect(intercept[0]?.intent).toBe('cancel-order');
  });

  it('counts a cue found mostly in other intents’ texts for less in a message, never in a rule’s own texts', () => {
    // 付款 is in texts about shipping times, transfers and failed payments more than about ways to pay.
    const classifier = sharedIntentClassifier();
    const inMessage = classifier.classify('付款').find((s) => s.intent === 'payment-methods')?.score ?? 0;
    const inRule = classifier.classifyCuesNormalized(normalizeText('付款')).find((s) => s.intent === 'payment-methods')?.score ?? 0;
    expect(inRule).toBeGreaterThan(0.7);
    expect(inMessage).toBeLessThan(inRule);
  });
});
