import { describe, expect, it } from 'vitest';
import { feedbackVerdictFor } from '../../../src/renderer/features/suggestions/feedback-verdict';
import { reportSentSuggestion } from '../../../src/renderer/features/suggestions/suggestion-feedback';
import { isNotThisOneKey, type SuggestionKey } from '../../../src/renderer/features/suggestions/suggestion-keys';
import { reasonKey, reasonParams } from '../../../src/renderer/features/suggestions/suggestion-reason';
import { en } from '../../../src/renderer/i18n/en';
import { zhTW } from '../../../src/renderer/i18n/zh-TW';

function key(overrides: Partial<SuggestionKey>): SuggestionKey {
  return { key: '0', code: 'Digit0', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, isComposing: false, inTextField: false, ...overrides };
}

describe('"not this one" key', () => {
  it('is 0 outside text fields and Alt+0 anywhere (also as macOS reports it), only with suggestions shown', () => {
    expect(isNotThisOneKey(key({}), 2)).toBe(true);
    expect(isNotThisOneKey(key({ code: 'Numpad0' }), 2)).toBe(true);
    expect(isNotThisOneKey(key({}), 0)).toBe(false);
    expect(isNotThisOneKey(key({ inTextField: true, altKey: true, key: 'º' }), 1)).toBe(true);
  });

  it('never takes a 0 typed into a field, an IME composition, or other modifiers', () => {
    expect(isNotThisOneKey(key({ inTextField: true }), 3)).toBe(false);
    expect(isNotThisOneKey(key({ isComposing: true, altKey: true }), 3)).toBe(false);
    expect(isNotThisOneKey(key({ ctrlKey: true }), 3)).toBe(false);
    expect(isNotThisOneKey(key({ shiftKey: true, key: ')' }), 3)).toBe(false);
    expect(isNotThisOneKey(key({ key: '1', code: 'Digit1' }), 3)).toBe(false);
  });
});

describe('what sending an inserted suggestion teaches', () => {
  const reply = '您好～現貨商品會在付款完成後 1–3 個工作天內出貨，出貨後超商約 2–3 天送達喔！';

  it('as is → accepted; lightly edited → edited; rewritten → nothing', () => {
    expect(feedbackVerdictFor(`${reply}\n`, reply)).toBe('accepted');
    expect(feedbackVerdictFor(`王小姐${reply.replace('喔！', '，謝謝您的耐心～')}`, reply)).toBe('edited');
    expect(feedbackVerdictFor('我幫您查一下訂單，稍等喔', reply)).toBeNull();
  });

  it('reports the verdict for the message the suggestion was for, and nothing without an inserted suggestion', async () => {
    const calls: unknown[] = [];
    const api = { invoke: async (channel: string, input: unknown) => (calls.push([channel, input]), { ok: true }) } as never;
    reportSentSuggestion(api, 'line:U1', { ruleId: 'shipping-time', messageId: 'm9', reply }, reply);
    reportSentSuggestion(api, 'line:U1', null, reply);
    reportSentSuggestion(api, 'line:U1', { ruleId: 'shipping-time', messageId: 'm9', reply }, '好的');
    expect(calls).toEqual([['suggestions:feedback', { conversationId: 'line:U1', messageId: 'm9', ruleId: 'shipping-time', verdict: 'accepted' }]]);
  });
});

describe('why, in the agent’s words', () => {
  it('names the customer’s words and the rule for a built-in intent match, in both languages', () => {
    const suggestion = { title: '出貨時間', reason: { kind: 'concept' as const, text: '什麼時候寄', approximate: false } };
    const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_, name: 'text' | 'title') => reasonParams(suggestion)[name]);
    const key = reasonKey(suggestion.reason);
    expect(fill((zhTW as Record<string, string>)[key] ?? '')).toBe('像「什麼時候寄」→ 出貨時間');
    expect(fill((en as Record<string, string>)[key] ?? '')).toBe('like “什麼時候寄” → 出貨時間');
  });
});
