import { describe, expect, it } from 'vitest';
import { ConceptIndex } from '../../../src/shared/suggestions/concept-index';
import { createSuggestionEngine } from '../../../src/shared/suggestions/engine';
import { sharedIntentClassifier } from '../../../src/shared/suggestions/intent-classifier';
import { normalizeText } from '../../../src/shared/suggestions/normalize';
import type { SuggestionRule } from '../../../src/shared/suggestions/rules-schema';
import { TextAnalyzer } from '../../../src/shared/suggestions/text-analyzer';
import { DEFAULT_TUNING } from '../../../src/shared/suggestions/tuning';
import { VectorIndex } from '../../../src/shared/suggestions/vector-index';

const NOTHING = { normalized: '', concepts: [], features: new Map<string, number>() };

describe('how much of a message a rule’s reply covers', () => {
  const long = '登山杖出門前先檢查鎖扣，泡溫泉或流很多汗之後記得擦乾，收納時放在通風的地方，避免日曬與潮濕，也不要放在車上過夜。';
  const short = '溫度';
  const analyzer = new TextAnalyzer([long, short], [], DEFAULT_TUNING);
  const index = new VectorIndex([long, short].map((text) => ({ exemplars: [analyzer.analyze(text)], keywords: NOTHING })));

  it('does not fall with the length of the reply, unlike cosine', () => {
    const [covering, other] = index.scoreRules(analyzer.analyze('流很多汗之後'), [0, 1]).sort((a, b) => a.ruleIndex - b.ruleIndex);
    expect(covering?.coverage).toBeCloseTo(1, 5);
    expect(covering?.best).toBeLessThan(0.5);
    expect(other?.coverage ?? 0).toBe(0);
  });

  it('counts words no reply has against the message', () => {
    const [score] = index.scoreRules(analyzer.analyze('流很多汗 鞋墊會臭'), [0]);
    expect(score?.coverage).toBeGreaterThan(0.1);
    expect(score?.coverage).toBeLessThan(0.9);
  });
});

const rule = (id: string, title: string, keywords: string[], examples: string[], reply: string): SuggestionRule => ({ id, title, keywords, examples, reply });

describe('a shop whose rules say little but whose replies say more', () => {
  const rules = [
    rule('shipping', '運費', ['運費', '免運'], ['運費多少'], '全館滿 1,000 元免運，未滿收 80 元。'),
    rule(
      'care',
      '保養方式',
      ['保養'],
      ['要怎麼保養'],
      '銀飾接觸空氣會慢慢氧化，平常用隨附的拭銀布輕擦即可恢復光澤；泡溫泉、游泳或運動流很多汗的時候建議先拿下來，香水和乳液等乾了再戴，不戴時放回夾鏈袋隔絕空氣，可以減緩變色。',
    ),
    rule('coupon', '優惠碼', ['優惠碼', '折扣'], ['優惠碼輸入沒反應'], '優惠碼在結帳頁輸入，一筆訂單限用一組。'),
    rule('damaged', '收到瑕疵', ['瑕疵', '破損'], ['收到的有刮痕'], '請拍照並附上訂單編號，我們會幫您換新。'),
  ];
  const engine = createSuggestionEngine(rules);

  it('answers a question only the reply speaks of', () => {
    const [first] = engine.suggest('去泡溫泉要拿下來嗎');
    expect(first?.ruleId).toBe('care');
    expect(first?.score).toBeGreaterThanOrEqual(0.3);
  });

  it('reads a plain statement of a problem as a complaint and puts the problem rule first', () => {
    const { act, suggestions } = engine.analyze('背帶用一個月就整個垮下來');
    expect(act).toBe('complaint');
    expect(suggestions[0]?.ruleId).toBe('damaged');
  });

  it('leads a problem no intent reads only to rules about problems, not to one an example of which names a fault', () => {
    const concepts = new ConceptIndex(rules, sharedIntentClassifier(), [], normalizeText);
    const assumed = concepts.match([{ intent: 'defective', score: 0.35, cue: null, assumed: true }]).map((m) => rules[m.ruleIndex]?.id);
    expect(assumed).toContain('damaged');
    expect(assumed).not.toContain('coupon');
    // Read from the message itself it reaches the problem rule; the coupon example's fault is a code that does not
    // work — its own topic's setting — and a message about that code still reaches the coupon rule by its topic.
    const read = concepts.match([{ intent: 'defective', score: 0.8, cue: '沒反應' }]).map((m) => rules[m.ruleIndex]?.id);
    expect(read).toContain('damaged');
    expect(read).not.toContain('coupon');
    const code = concepts.match(sharedIntentClassifier().classify('優惠碼打了沒反應')).sort((a, b) => b.score - a.score);
    expect(rules[code[0]?.ruleIndex ?? -1]?.id).toBe('coupon');
  });
});
