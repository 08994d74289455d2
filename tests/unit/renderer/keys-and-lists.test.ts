import { describe, expect, it } from 'vitest';
import type { ConversationSummary, MessageView } from '../../../src/shared/ipc';
import { composerActionFor, type ComposerKey } from '../../../src/renderer/features/conversation/composer-keys';
import { filterByName, mergeConversationHead, nextPageCursor } from '../../../src/renderer/features/inbox/conversation-paging';
import { shortcutForKey, type ShortcutKeyEvent } from '../../../src/shared/desktop/shortcuts';
import { buildMessageRows, mergeMessages } from '../../../src/renderer/lib/message-rows';

const key = (overrides: Partial<ComposerKey>): ComposerKey => ({
  key: 'Enter',
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  isComposing: false,
  keyCode: 13,
  ...overrides,
});

describe('composer keys', () => {
  it('sends on Enter and Ctrl+Enter, adds a line on Shift+Enter', () => {
    expect(composerActionFor(key({}))).toBe('send');
    expect(composerActionFor(key({ ctrlKey: true }))).toBe('send');
    expect(composerActionFor(key({ metaKey: true }))).toBe('send');
    expect(composerActionFor(key({ shiftKey: true }))).toBe('none');
  });

  it('never sends while an IME (注音) is composing', () => {
    expect(composerActionFor(key({ isComposing: true }))).toBe('none');
    expect(composerActionFor(key({ keyCode: 229 }))).toBe('none');
    expect(composerActionFor(key({ isComposing: true, ctrlKey: true }))).toBe('none');
  });

  it('leaves the composer on Esc', () => {
    expect(composerActionFor(key({ key: 'Escape', keyCode: 27 }))).toBe('leave');
    expect(composerActionFor(key({ key: 'a', keyCode: 65 }))).toBe('none');
  });
});

/** The app shortcut a key press means, everything registered (the catalog's own tests: tests/unit/desktop/). */
const shortcutFor = ({ inTextField = false, ...overrides }: Partial<ShortcutKeyEvent> & { inTextField?: boolean }) =>
  shortcutForKey(
    { key: 'x', code: '', altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, isComposing: false, keyCode: 0, ...overrides },
    { inTextField, isAvailable: () => true },
  );
const shortcut = <T,>(value: T): T => value;

describe('app shortcuts', () => {
  it('moves between conversations with Alt+arrows and Ctrl+[ ]', () => {
    expect(shortcutFor(shortcut({ key: 'ArrowUp', altKey: true }))).toBe('conversation.previous');
    expect(shortcutFor(shortcut({ key: 'ArrowDown', altKey: true, inTextField: true }))).toBe('conversation.next');
    expect(shortcutFor(shortcut({ key: '[', ctrlKey: true }))).toBe('conversation.previous');
    expect(shortcutFor(shortcut({ key: ']', ctrlKey: true, inTextField: true }))).toBe('conversation.next');
    expect(shortcutFor(shortcut({ key: 'ArrowDown' }))).toBeNull();
  });

  it('focuses search with / outside fields and Ctrl+K anywhere', () => {
    expect(shortcutFor(shortcut({ key: '/' }))).toBe('search');
    expect(shortcutFor(shortcut({ key: '/', inTextField: true }))).toBeNull();
    expect(shortcutFor(shortcut({ key: 'k', ctrlKey: true, inTextField: true }))).toBe('search');
  });

  it('opens help with ? but lets it be typed in a field', () => {
    expect(shortcutFor(shortcut({ key: '?', shiftKey: true }))).toBe('help');
    expect(shortcutFor(shortcut({ key: '?', shiftKey: true, inTextField: true }))).toBeNull();
    expect(shortcutFor(shortcut({ key: '?', isComposing: true }))).toBeNull();
  });
});

function message(id: string, createdAt: number, overrides: Partial<MessageView> = {}): MessageView {
  return { id, conversationId: 'c1', direction: 'in', kind: 'text', text: id, createdAt, author: null, delivery: null, deliveryReason: null, auto: false, purpose: 'reply', orderId: null, content: null, mediaUnavailable: null, withdrawn: false, eventDetails: null, senderName: null, quoted: null, ...overrides };
}

describe('message rows', () => {
  const day1 = new Date(2024, 2, 13, 10, 0).getTime();
  const day2 = new Date(2024, 2, 14, 10, 0).getTime();

  it('merges pages in time order and keeps the newer copy of a message', () => {
    const loaded = [message('b', day2), message('c', day2 + 1, { direction: 'out', delivery: 'sending' })];
    const merged = mergeMessages(loaded, [message('a', day1), message('c', day2 + 1, { direction: 'out', delivery: 'sent_free' })]);
    expect(merged.map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(merged[2]!.delivery).toBe('sent_free');
  });

  it('puts a day separator before the first message of each day', () => {
    const rows = buildMessageRows([message('a', day1), message('b', day1 + 60_000), message('c', day2)]);
    expect(rows.map((row) => (row.kind === 'day' ? 'day' : row.message.id))).toEqual(['day', 'a', 'b', 'day', 'c']);
    const b = rows[2]!;
    expect(b.kind === 'message' && b.firstOfRun).toBe(false);
  });
});

function conversation(id: string, lastMessageAt: number, displayName = id): ConversationSummary {
  return { id, channel: 'line', friendId: `U${id}`, displayName, pictureUrl: null, lastMessageAt, lastMessagePreview: '', lastMessageDirection: 'in', unreadCount: 0, replyWindowOpenedAt: null, replyWindow: { gate: 'reply_token', tokenReceivedAt: null }, blocked: false };
}

describe('conversation paging', () => {
  it('moves a refreshed conversation to the top without duplicating it', () => {
    const loaded = [conversation('a', 300), conversation('b', 200), conversation('c', 100)];
    const merged = mergeConversationHead(loaded, [conversation('c', 400), conversation('a', 300)], false);
    expect(merged.map((c) => c.id)).toEqual(['c', 'a', 'b']);
  });

  it('replaces the list when the refresh returned all of it', () => {
    const merged = mergeConversationHead([conversation('a', 300), conversation('gone', 200)], [conversation('a', 300)], true);
    expect(merged.map((c) => c.id)).toEqual(['a']);
  });

  it('pages on from the last loaded conversation', () => {
    expect(nextPageCursor([conversation('a', 300), conversation('b', 200)])).toEqual({ lastMessageAt: 200, id: 'b' });
    expect(nextPageCursor([])).toBeNull();
  });

  it('filters by name, ignoring case and full-width letters', () => {
    const list = [conversation('1', 1, '陳小姐'), conversation('2', 2, 'Amy Wu'), conversation('3', 3, '王媽媽')];
    expect(filterByName(list, 'amy').map((c) => c.id)).toEqual(['2']);
    expect(filterByName(list, 'ＡＭＹ').map((c) => c.id)).toEqual(['2']);
    expect(filterByName(list, '小姐').map((c) => c.id)).toEqual(['1']);
    expect(filterByName(list, '  ')).toHaveLength(3);
  });
});
