import { describe, expect, it } from 'vitest';
import { sharedIntentClassifier } from '../../../src/shared/suggestions/intent-classifier';

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

  it('keeps both topics of a message that asks two things', () => {
    const both = read('公司尾牙要訂60份 可以開統編嗎');
    expect(both.get('bulk-order')).toBeGreaterThan(0.8);
    expect(both.get('invoice')).toBeGreaterThan(0.8);
  });
});
