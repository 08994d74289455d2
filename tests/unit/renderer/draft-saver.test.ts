import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DRAFT_SAVE_DELAY_MS, DraftSaver, draftAfterLoad } from '../../../src/renderer/features/conversation/draft-saver';

describe('the composer saves its draft debounced', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves once, with the last text, after typing pauses', () => {
    const saved: Array<[string, string]> = [];
    const saver = new DraftSaver('line:Ua', async (id, text) => void saved.push([id, text]));
    saver.changed('您');
    vi.advanceTimersByTime(DRAFT_SAVE_DELAY_MS - 1);
    saver.changed('您好');
    vi.advanceTimersByTime(DRAFT_SAVE_DELAY_MS - 1);
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(saved).toEqual([['line:Ua', '您好']]);
  });

  it('leaving the conversation saves a pending change at once, and only once', () => {
    const saved: string[] = [];
    const saver = new DraftSaver('line:Ua', async (_id, text) => void saved.push(text));
    saver.changed('明天出貨');
    saver.flush();
    vi.advanceTimersByTime(DRAFT_SAVE_DELAY_MS * 2);
    saver.flush();
    expect(saved).toEqual(['明天出貨']);
  });

  it('a failed save does not throw out of the timer', async () => {
    const saver = new DraftSaver('line:Ua', () => Promise.reject(new Error('core gone')));
    saver.changed('x');
    expect(() => vi.advanceTimersByTime(DRAFT_SAVE_DELAY_MS)).not.toThrow();
    await vi.runAllTimersAsync();
  });

  it('restores the stored draft unless the agent already typed something else', () => {
    expect(draftAfterLoad('', '', '上次沒打完的回覆')).toBe('上次沒打完的回覆');
    expect(draftAfterLoad('', '新打的字', '上次沒打完的回覆')).toBe('新打的字');
    expect(draftAfterLoad('記憶中的', '記憶中的', '')).toBe('記憶中的');
  });
});
