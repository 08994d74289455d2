import { describe, expect, it } from 'vitest';
import { insertMention, mentionAtCaret, mentionCandidates } from '../../../src/renderer/features/workflow/mention-input';
import { shortcutForKey, type ShortcutKeyEvent } from '../../../src/shared/desktop/shortcuts';
import { formatWaited, waitTone } from '../../../src/renderer/features/workflow/waiting-time';
import { compareByWaiting, nextWaitingCursor } from '../../../src/renderer/features/inbox/conversation-paging';
import { createTranslator } from '../../../src/renderer/i18n/translate';
import type { ConversationSummary } from '../../../src/shared/ipc';

const key = (code: string, extra: Partial<ShortcutKeyEvent> = {}): ShortcutKeyEvent => ({
  key: code.slice(3).toLowerCase(),
  code,
  altKey: true,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  isComposing: false,
  keyCode: 0,
  ...extra,
});
/** As pressed while typing a reply: only chords with Alt or Ctrl/⌘ may fire there. */
const workflowShortcutFor = (event: ShortcutKeyEvent) => shortcutForKey(event, { inTextField: true, isAvailable: () => true });

describe('team-inbox renderer logic', () => {
  it('says how long a customer waited in the agent’s language', () => {
    const zh = createTranslator('zh-TW');
    expect(formatWaited(12 * 60_000 + 59_000, zh)).toBe('12 分');
    expect(formatWaited(65 * 60_000, zh)).toBe('1 小時 5 分');
    expect(formatWaited(27 * 60 * 60_000, zh)).toBe('1 天 3 小時');
    expect(formatWaited(30_000, createTranslator('en'))).toBe('< 1 min');
    expect([waitTone(4 * 60_000), waitTone(10 * 60_000), waitTone(31 * 60_000)]).toEqual(['calm', 'warm', 'hot']);
  });

  it('Alt+A / Alt+D / Alt+N / Alt+M, by the physical key, never while composing', () => {
    expect(workflowShortcutFor(key('KeyA'))).toBe('conversation.assignMe');
    expect(workflowShortcutFor({ ...key('KeyD'), key: '∂' })).toBe('conversation.markDone');
    expect(workflowShortcutFor(key('KeyN'))).toBe('conversation.nextUnanswered');
    expect(workflowShortcutFor(key('KeyM'))).toBe('composer.noteMode');
    expect(workflowShortcutFor(key('KeyA', { keyCode: 229 }))).toBeNull();
    expect(workflowShortcutFor(key('KeyA', { isComposing: true }))).toBeNull();
    expect(workflowShortcutFor(key('KeyA', { altKey: false }))).toBeNull();
    expect(workflowShortcutFor(key('KeyA', { shiftKey: true }))).toBeNull();
  });

  it('completes an @mention at the caret', () => {
    expect(mentionAtCaret('請 @阿', 4)).toEqual({ start: 2, query: '阿' });
    expect(mentionAtCaret('@阿杰 好', 5)).toBeNull();
    expect(mentionCandidates(['小美', '阿杰', '大阿姨'], '阿')).toEqual(['阿杰', '大阿姨']);
    expect(insertMention('請 @阿 看', 4, 2, '阿杰')).toEqual({ text: '請 @阿杰  看', caret: 6 });
  });

  it('orders Needs reply by the longest wait and pages after the last row', () => {
    const row = (id: string, waitingSince: number | null) => ({ id, workflow: { waitingSince } }) as unknown as ConversationSummary;
    const rows = [row('b', 30), row('c', null), row('a', 30), row('d', 10)].sort(compareByWaiting);
    expect(rows.map((conversation) => conversation.id)).toEqual(['d', 'a', 'b', 'c']);
    expect(nextWaitingCursor(rows.slice(0, 3))).toEqual({ waitingSince: 30, id: 'b' });
    expect(nextWaitingCursor([])).toBeNull();
  });
});
