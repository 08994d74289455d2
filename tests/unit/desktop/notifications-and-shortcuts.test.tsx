import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../../src/shared/ipc/attention-contract';
import { NOTIFY_MAX_AGE_MS, NotificationPlanner, firstLine, type NotifyContext } from '../../../src/shared/desktop/notification-plan';
import { SHORTCUTS, chordAccelerator, chordLabels, chordText, shortcutForKey, type ShortcutKeyEvent } from '../../../src/shared/desktop/shortcuts';
import { shellTextEn, shellTextZhTW } from '../../../src/shared/desktop/shell-text';
import { titleWithUnread } from '../../../src/renderer/desktop/unread-badge';
import { DEFAULT_PREFERENCES, notificationsSilenced, readPreferences } from '../../../src/renderer/desktop/preferences';
import { dueWindowWarnings } from '../../../src/renderer/desktop/useReplyWindowWarnings';
import type { ConversationSummary } from '../../../src/shared/ipc';

const NOW = 1_750_000_000_000;

function message(conversation: string, text: string, createdAt = NOW - 1_000): IncomingMessage {
  return { messageId: `${conversation}-${text}`, conversationId: conversation, channel: 'line', displayName: `顧客 ${conversation}`, text, createdAt };
}

function context(more: Partial<NotifyContext> = {}): NotifyContext {
  return { now: NOW, windowFocused: true, onScreenConversationId: null, silenced: false, isMuted: () => false, ...more };
}

describe('notification planner', () => {
  it('notifies a message in a conversation that is not on screen, with its first line', () => {
    const planner = new NotificationPlanner();
    expect(planner.add([message('a', '\n 想改寄送地址 \n改到台中')], context({ onScreenConversationId: 'b' }))).toEqual([
      { kind: 'conversation', tag: 'a', conversationId: 'a', displayName: '顧客 a', channel: 'line', firstLine: '想改寄送地址', count: 1 },
    ]);
  });

  it('the conversation on screen notifies only while the window is in the background', () => {
    expect(new NotificationPlanner().add([message('a', '在嗎')], context({ onScreenConversationId: 'a' }))).toEqual([]);
    expect(new NotificationPlanner().add([message('a', '在嗎')], context({ onScreenConversationId: 'a', windowFocused: false }))).toHaveLength(1);
  });

  it('one notification per conversation: a newer message replaces it and counts what waits', () => {
    const planner = new NotificationPlanner();
    planner.add([message('a', '第一則')], context());
    expect(planner.add([message('a', '第二則'), message('a', '第三則')], context())).toEqual([
      expect.objectContaining({ kind: 'conversation', tag: 'a', firstLine: '第三則', count: 3 }),
    ]);
  });

  it('five messages from three customers are one summary, which closes the single ones', () => {
    const planner = new NotificationPlanner();
    planner.add([message('a', '1')], context());
    const actions = planner.add([message('b', '2'), message('a', '3'), message('c', '4'), message('b', '5')], context());
    expect(actions).toEqual([
      { kind: 'close', tag: 'a' },
      { kind: 'close', tag: 'b' },
      { kind: 'close', tag: 'c' },
      { kind: 'summary', tag: 'summary', messages: 5, customers: 3, conversationId: 'a' },
    ]);
    // More arriving updates the one summary; nothing else shows.
    expect(planner.add([message('d', '6')], context())).toEqual([{ kind: 'summary', tag: 'summary', messages: 6, customers: 4, conversationId: 'a' }]);
  });

  it('do-not-disturb, away and muted conversations stay quiet; old backlog never notifies', () => {
    const planner = new NotificationPlanner();
    expect(planner.add([message('a', 'x')], context({ silenced: true }))).toEqual([]);
    expect(planner.add([message('a', 'x')], context({ isMuted: (id) => id === 'a' }))).toEqual([]);
    expect(planner.add([message('a', 'x', NOW - NOTIFY_MAX_AGE_MS - 1)], context())).toEqual([]);
    expect(planner.add([message('a', 'x'), message('b', 'y')], context({ isMuted: (id) => id === 'a' }))).toEqual([expect.objectContaining({ tag: 'b' })]);
  });

  it('seeing the app closes what waited and starts counting afresh', () => {
    const planner = new NotificationPlanner();
    planner.add([message('a', '1'), message('b', '2'), message('c', '3')], context());
    expect(planner.acknowledge()).toEqual([{ kind: 'close', tag: 'a' }, { kind: 'close', tag: 'b' }, { kind: 'close', tag: 'c' }, { kind: 'close', tag: 'summary' }]);
    expect(planner.add([message('d', '4')], context())).toEqual([expect.objectContaining({ kind: 'conversation', tag: 'd', count: 1 })]);
    expect(planner.acknowledge('d')).toEqual([{ kind: 'close', tag: 'd' }]);
    expect(firstLine('x'.repeat(300))).toHaveLength(120);
  });
});

const key = (overrides: Partial<ShortcutKeyEvent>): ShortcutKeyEvent => ({
  key: 'x',
  code: '',
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  isComposing: false,
  keyCode: 0,
  ...overrides,
});
const everything = { isAvailable: () => true };

describe('shortcut catalog', () => {
  it('names every shortcut in both languages', () => {
    for (const shortcut of SHORTCUTS) {
      expect(shellTextZhTW[`shortcut.${shortcut.id}`], shortcut.id).toBeTruthy();
      expect(shellTextEn[`shortcut.${shortcut.id}`], shortcut.id).toBeTruthy();
    }
    expect(new Set(SHORTCUTS.map((shortcut) => shortcut.id)).size).toBe(SHORTCUTS.length);
  });

  it('decides app shortcuts from the key; plain keys never from a text field; Ctrl/⌘ and Alt chords also there', () => {
    expect(shortcutForKey(key({ key: 'ArrowDown', altKey: true, shiftKey: true }), { inTextField: true, ...everything })).toBe('conversation.nextUnanswered');
    expect(shortcutForKey(key({ key: 'j', metaKey: true }), { inTextField: false, ...everything })).toBe('conversation.nextUnanswered');
    expect(shortcutForKey(key({ key: 'r' }), { inTextField: false, ...everything })).toBe('composer.focus');
    expect(shortcutForKey(key({ key: 'r' }), { inTextField: true, ...everything })).toBeNull();
    expect(shortcutForKey(key({ key: 'R', shiftKey: true }), { inTextField: false, ...everything })).toBeNull();
    expect(shortcutForKey(key({ key: 'ç', code: 'KeyC', altKey: true }), { inTextField: true, ...everything })).toBe('cart.toggle');
    expect(shortcutForKey(key({ key: 'Ø', code: 'KeyO', altKey: true, shiftKey: true }), { inTextField: false, ...everything })).toBe('orders.customer');
    expect(shortcutForKey(key({ key: 'o' }), { inTextField: false, ...everything })).toBe('outbox.open');
    // Component keys (Enter, digits, Esc) are not dispatched centrally.
    expect(shortcutForKey(key({ key: 'Enter' }), { inTextField: true, ...everything })).toBeNull();
    expect(shortcutForKey(key({ key: '1' }), { inTextField: false, ...everything })).toBeNull();
  });

  it('never fires while an IME composes, however the browser reports it', () => {
    for (const event of [key({ key: 'k', ctrlKey: true, isComposing: true }), key({ key: 'Process', keyCode: 229 }), key({ key: 'ArrowDown', altKey: true, keyCode: 229 }), key({ key: '?', isComposing: true })]) {
      expect(shortcutForKey(event, { inTextField: false, ...everything })).toBeNull();
    }
  });

  it('only registered (available) actions fire: "mark done" does nothing until a feature handles it', () => {
    expect(shortcutForKey(key({ key: 'e' }), { inTextField: false, isAvailable: (id) => id !== 'conversation.markDone' })).toBeNull();
    expect(shortcutForKey(key({ key: 'e' }), { inTextField: false, ...everything })).toBe('conversation.markDone');
  });

  it('shows keys per platform and as Electron accelerators', () => {
    expect(chordLabels({ key: 'k', mod: true }, 'mac')).toEqual(['⌘', 'K']);
    expect(chordText({ key: 'ArrowDown', alt: true, shift: true }, 'other')).toBe('Alt+Shift+↓');
    expect(chordAccelerator({ key: 'ArrowDown', alt: true, shift: true })).toBe('Alt+Shift+Down');
    expect(chordAccelerator({ key: ']', mod: true })).toBe('CmdOrCtrl+]');
  });
});

describe('unread title, preferences and the closing-window warning', () => {
  it('writes the count before the title once', () => {
    expect(titleWithUnread('店家收件匣 · Shop Inbox', 3)).toBe('(3) 店家收件匣 · Shop Inbox');
    expect(titleWithUnread('(3) 店家收件匣 · Shop Inbox', 5)).toBe('(5) 店家收件匣 · Shop Inbox');
    expect(titleWithUnread('(5) 店家收件匣 · Shop Inbox', 0)).toBe('店家收件匣 · Shop Inbox');
    expect(titleWithUnread('x', 250)).toBe('(99+) x');
  });

  it('reads saved preferences and falls back to the defaults on anything damaged', () => {
    const storage = (value: string | null) => ({ getItem: () => value });
    expect(readPreferences(storage(null))).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences(storage('{not json'))).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences(storage('{"sendKey":"shift"}'))).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences(storage('{"sendKey":"ctrlEnter","doNotDisturb":true}'))).toMatchObject({ sendKey: 'ctrlEnter', doNotDisturb: true, availability: 'online' });
    expect(notificationsSilenced({ ...DEFAULT_PREFERENCES, availability: 'away' })).toBe(true);
    expect(notificationsSilenced(DEFAULT_PREFERENCES)).toBe(false);
  });

  it('warns about a typed reply whose free LINE window closes within 15 s, once per window', () => {
    const conversation = (id: string, tokenReceivedAt: number | null): ConversationSummary => ({
      id,
      channel: 'line',
      friendId: id,
      displayName: `顧客 ${id}`,
      pictureUrl: null,
      lastMessageAt: NOW,
      lastMessagePreview: '',
      lastMessageDirection: 'in',
      unreadCount: 0,
      replyWindowOpenedAt: tokenReceivedAt,
      replyWindow: { gate: 'reply_token', tokenReceivedAt },
      blocked: false,
    });
    const list = [conversation('a', NOW - 40_000), conversation('b', NOW - 10_000), conversation('c', NOW - 45_000)];
    expect(dueWindowWarnings(list, ['a', 'b'], NOW)).toEqual([{ conversationId: 'a', displayName: '顧客 a', secondsLeft: 10, key: `a@${NOW + 10_000}` }]);
    expect(dueWindowWarnings(list, [], NOW)).toEqual([]);
    expect(dueWindowWarnings([conversation('a', NOW - 60_000)], ['a'], NOW)).toEqual([]);
  });
});
