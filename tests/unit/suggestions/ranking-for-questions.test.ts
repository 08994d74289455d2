import { describe, expect, it } from 'vitest';
import { createSuggestionEngine, isConfidentKeywordMatch } from '../../../src/shared/suggestions/engine';
import type { SuggestionRule } from '../../../src/shared/suggestions/rules-schema';

/** A small furniture shop, written the plain way a shop owner writes rules. */
const rules: SuggestionRule[] = [
  { id: 'fee', title: '運費', keywords: ['運費', '免運'], examples: ['運費多少'], reply: '滿 3,000 免運，未滿宅配 150 元。', autoSend: true },
  { id: 'ship', title: '出貨時間', keywords: ['出貨'], examples: ['什麼時候出貨'], reply: '付款後 3 個工作天內出貨。' },
  { id: 'pay', title: '付款方式', keywords: ['付款', '刷卡'], examples: ['可以刷卡嗎'], reply: '可刷卡、ATM 轉帳或貨到付款。' },
  { id: 'haul', title: '舊家具處理', keywords: ['舊家具'], examples: [], reply: '送貨時可加購舊床墊、舊沙發清運，每件 500 元。' },
  { id: 'care', title: '保養', keywords: ['保養'], examples: ['怎麼保養'], reply: '布套可拆下手洗，木頭請用乾布擦。' },
];
const engine = createSuggestionEngine(rules);
const first = (text: string): string | undefined => engine.suggest(text)[0]?.ruleId;

describe('suggestions for questions, requests and complaints', () => {
  it('offer alternatives after the first even when they are weak', () => {
    const shop = createSuggestionEngine([
      ...rules,
      { id: 'finish', title: '塗裝', keywords: ['塗裝'], examples: ['是什麼漆'], reply: '表面使用天然植物油，無甲醛，剛拆箱的木頭味約一週會散。' },
      { id: 'stock', title: '庫存', keywords: ['現貨'], examples: ['還有貨嗎'], reply: '頁面顯示可購買即有現貨。' },
    ]);
    const ids = (text: string) => shop.suggest(text).map((s) => s.ruleId);
    // Which weak rules fill the second and third places is the built-in reading's guess; that they are filled is the point.
    expect(ids('什麼時候寄')[0]).toBe('ship');
    expect(ids('什麼時候寄')).toHaveLength(3);
    // The same engine with the former floors for alternatives (≥ 0.05 and a tenth of the first) shows two.
    const former = createSuggestionEngine(rules, { minAlternativeScore: 0.05, alternativeRatio: 0.1 });
    expect(former.suggest('舊床墊也要付運費嗎').map((s) => s.ruleId)).toEqual(['fee', 'haul']);
    expect(engine.suggest('舊床墊也要付運費嗎').map((s) => s.ruleId)).toEqual(['fee', 'haul', 'pay']);
  });

  it('are ranked even when the message shares only the reply’s words with its rule', () => {
    expect(first('舊床墊可以幫忙清走嗎')).toBe('haul');
    expect(first('布套拆得下來嗎')).toBe('care');
  });

  it('follow what the question asks for, not the topic that is only its setting', () => {
    expect(first('今天付款的話哪天會出貨')).toBe('ship');
    expect(first('寄送的費用是多少')).toBe('fee');
  });

  it('stay empty for messages that need no answer, even when they name a rule’s topic', () => {
    for (const text of ['好的 運費我知道了 謝謝', '期待新的沙發', '下次還會再來買', '今天好冷']) expect(engine.suggest(text), text).toEqual([]);
  });

  it('keep auto-send for a question that names a keyword outright, never for a weak ranked guess', () => {
    const fee = engine.analyze('運費多少錢？');
    expect(fee.act).toBe('question');
    expect(isConfidentKeywordMatch(fee.suggestions[0] as NonNullable<(typeof fee.suggestions)[0]>)).toBe(true);
    const guess = engine.analyze('舊床墊可以幫忙清走嗎');
    expect(guess.suggestions.length).toBeGreaterThan(0);
    expect(guess.suggestions.some(isConfidentKeywordMatch)).toBe(false);
  });

  it('answer a plain statement (no trouble told, no bare topic) only from a clear match: it is most likely small talk', () => {
    // Weak evidence that would answer a statement telling of trouble.
    const lenient = createSuggestionEngine(rules, { tuning: { plainStatementMinScore: 0.3 } });
    expect(lenient.suggest('布套下午拿去曬太陽').map((s) => s.ruleId)).toContain('care');
    expect(lenient.suggest('沙發布套拿去洗了').map((s) => s.ruleId)).toContain('care');
    expect(engine.suggest('布套下午拿去曬太陽')).toEqual([]);
    expect(engine.suggest('沙發布套拿去洗了')).toEqual([]);
    // Trouble told plainly is still answered from weak evidence.
    expect(first('木頭桌面一直有白色水痕')).toBe('care');
  });
});
