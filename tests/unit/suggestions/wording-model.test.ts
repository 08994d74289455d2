import { describe, expect, it } from 'vitest';
import { IntentClassifier } from '../../../src/shared/suggestions/intent-classifier';
import { WordingModel, type LabelledFeatures } from '../../../src/shared/suggestions/wording-model';

const text = (...features: string[]): ReadonlyMap<string, number> => new Map(features.map((feature) => [feature, 1]));
/** Three classes told apart by one feature each, among features every class shares. */
const examples: LabelledFeatures[] = [
  { label: 0, features: text('寄', '多久', '請問') },
  { label: 0, features: text('寄', '幾天', '嗎') },
  { label: 1, features: text('退', '可以', '嗎') },
  { label: 1, features: text('退', '請問', '怎麼') },
  { label: 2, features: text('謝謝', '喔') },
  { label: 2, features: text('謝謝', '嗎') },
];

describe('wording model (logistic regression over text features)', () => {
  it('gives a probability to every class, summing to one', () => {
    const p = new WordingModel(3, examples).probabilities(text('寄', '嗎'));
    expect(p).toHaveLength(3);
    expect([...p].reduce((sum, v) => sum + v, 0)).toBeCloseTo(1, 6);
  });

  it('learns which feature tells a class from the others, not the words they share', () => {
    const model = new WordingModel(3, examples);
    // A combination no example has: the telling feature decides.
    const returns = model.probabilities(text('退', '多久', '請問'));
    expect(returns[1]).toBeGreaterThan(0.5);
    const shipping = model.probabilities(text('寄', '怎麼'));
    expect(shipping[0]).toBeGreaterThan(0.5);
  });

  it('ignores features it never saw and reads nothing clear from them', () => {
    const p = new WordingModel(3, examples).probabilities(text('天氣', '好熱'));
    expect(Math.max(...p)).toBeLessThan(0.5);
  });

  it('trains deterministically: the same texts give the same reading', () => {
    const a = new WordingModel(3, examples).probabilities(text('退', '嗎'));
    const b = new WordingModel(3, examples).probabilities(text('退', '嗎'));
    expect([...a]).toEqual([...b]);
  });
});

describe('the built-in reading with the wording model', () => {
  const withModel = new IntentClassifier();
  const withoutModel = new IntentClassifier();
  // The same knowledge without the model's evidence: what phrasings and cue terms alone read.
  (withoutModel as unknown as { addModelReading: () => void }).addModelReading = () => undefined;
  const reading = (classifier: IntentClassifier, message: string, intent: string): number =>
    classifier.classify(message).find((signal) => signal.intent === intent)?.score ?? 0;

  it('reads situations no phrasing words this way, clearer than similarity to the phrasings does', () => {
    for (const [message, intent] of [
      ['會縮水嗎', 'care'],
      ['公司要訂五十份', 'bulk-order'],
      ['刷了三次都失敗', 'payment-problem'],
      ['先付一半可以嗎', 'payment-methods'],
      ['我穿平常的M 這件要拿哪個', 'size-fit'],
    ] as const) {
      expect(withModel.classify(message)[0]?.intent, message).toBe(intent);
      expect(reading(withModel, message, intent), message).toBeGreaterThanOrEqual(reading(withoutModel, message, intent) + 0.2);
    }
  });

  it('forces no intent onto a message about no shop topic', () => {
    for (const message of ['你們粉專的音樂好好聽', '小編今天心情好嗎']) {
      expect(withModel.classify(message).every((signal) => signal.score < 0.5), message).toBe(true);
    }
  });
});
