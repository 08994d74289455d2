import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../../src/shared/ipc';
import { compareKeys, findMessageRowIndex, pageUntilLoaded, type MessageKey, type OlderPage } from '../../../src/renderer/lib/message-jump';
import { markMatches } from '../../../src/renderer/lib/mark-matches';
import { buildMessageRows } from '../../../src/renderer/lib/message-rows';

const MINUTE = 60_000;
const START = new Date(2024, 2, 1, 9, 0).getTime();

function message(index: number, createdAt = START + index * MINUTE): MessageView {
  const id = `m${String(index).padStart(4, '0')}`;
  return { id, conversationId: 'c1', direction: 'in', kind: 'text', text: id, createdAt, author: null, delivery: null, deliveryReason: null, auto: false, purpose: 'reply', orderId: null, content: null, mediaUnavailable: null, withdrawn: false, eventDetails: null, senderName: null, quoted: null };
}

/** A conversation's history answering keyset pages like the core's `conversation:messages` (oldest first). */
function history(count: number, pageSize: number) {
  const all = Array.from({ length: count }, (_, index) => message(index));
  const calls: MessageKey[] = [];
  const newest = (limit: number) => ({ messages: all.slice(-limit), hasMore: all.length > limit });
  const fetchOlder = async (before: MessageKey): Promise<OlderPage> => {
    calls.push(before);
    const older = all.filter((candidate) => compareKeys(candidate, before) < 0);
    return { messages: older.slice(Math.max(0, older.length - pageSize)), hasMore: older.length > pageSize };
  };
  return { all, calls, newest, fetchOlder };
}

describe('finding the row of a message', () => {
  it('finds a message among day separators and answers -1 while it is not loaded', () => {
    const rows = buildMessageRows([message(0), message(1), message(2, START + 2 * 24 * 60 * MINUTE)]);
    expect(rows.map((row) => row.kind)).toEqual(['day', 'message', 'message', 'day', 'message']);
    expect(findMessageRowIndex(rows, 'm0001')).toBe(2);
    expect(findMessageRowIndex(rows, 'm0002')).toBe(4);
    expect(findMessageRowIndex(rows, 'm0999')).toBe(-1);
    // A day row's key is never mistaken for a message id.
    expect(findMessageRowIndex(rows, rows[0]!.key)).toBe(-1);
  });
});

describe('paging until a search hit is loaded', () => {
  it('pages back through several pages until the hit is loaded, with context above it', async () => {
    const store = history(1_000, 100);
    const target = store.all[250]!;
    const result = await pageUntilLoaded(store.newest(100), target, store.fetchOlder, { context: 30 });
    expect(result.found).toBe(true);
    // Pages: 800–899, 700–799, …, 200–299 hold the hit (50 above it in that page: enough context).
    expect(store.calls.map((before) => before.id)).toEqual(['m0900', 'm0800', 'm0700', 'm0600', 'm0500', 'm0400', 'm0300']);
    expect(result.older.some((loaded) => loaded.id === target.id)).toBe(true);
    expect(result.older).toHaveLength(700);
    expect(result.hasMore).toBe(true);
  });

  it('loads one more page when the hit sits at the very top of what is loaded', async () => {
    const store = history(1_000, 100);
    const target = store.all[905]!; // already in the first page, but only 5 messages above it
    const result = await pageUntilLoaded(store.newest(100), target, store.fetchOlder, { context: 30 });
    expect(result.found).toBe(true);
    expect(store.calls.map((before) => before.id)).toEqual(['m0900']);
    expect(result.older).toHaveLength(100);
  });

  it('asks for nothing when the hit is loaded with enough history above it', async () => {
    const store = history(1_000, 100);
    const result = await pageUntilLoaded(store.newest(100), store.all[990]!, store.fetchOlder, { context: 30 });
    expect(result).toEqual({ older: [], hasMore: true, found: true });
    expect(store.calls).toEqual([]);
  });

  it('stops at the start of the history when the hit is among the first messages', async () => {
    const store = history(230, 100);
    const result = await pageUntilLoaded(store.newest(100), store.all[2]!, store.fetchOlder, { context: 30 });
    expect(result.found).toBe(true);
    expect(result.hasMore).toBe(false);
    expect(store.calls).toHaveLength(2);
  });

  it('stops as soon as it has paged past where a deleted hit would be, instead of walking the whole history', async () => {
    const store = history(1_000, 100);
    const deleted = { id: 'm0450-deleted', createdAt: store.all[450]!.createdAt };
    const result = await pageUntilLoaded(store.newest(100), deleted, store.fetchOlder, { context: 30 });
    expect(result.found).toBe(false);
    // 400–499 contains the time where it was: nothing older can hold it.
    expect(store.calls.at(-1)!.id).toBe('m0500');
    expect(store.calls).toHaveLength(5);
  });

  it('stops when a page fails and after the page limit', async () => {
    const store = history(1_000, 100);
    const failing = async () => undefined;
    expect(await pageUntilLoaded(store.newest(100), store.all[10]!, failing)).toEqual({ older: [], hasMore: true, found: false });
    const limited = await pageUntilLoaded(store.newest(100), store.all[10]!, store.fetchOlder, { maxPages: 3 });
    expect(limited.found).toBe(false);
    expect(store.calls).toHaveLength(3);
  });

  it('keeps keyset order when messages share a timestamp', async () => {
    // 300 messages in one millisecond: only the id tells pages apart.
    const all = Array.from({ length: 300 }, (_, index) => message(index, START));
    const fetchOlder = async (before: MessageKey): Promise<OlderPage> => {
      const older = all.filter((candidate) => compareKeys(candidate, before) < 0);
      return { messages: older.slice(Math.max(0, older.length - 100)), hasMore: older.length > 100 };
    };
    const result = await pageUntilLoaded({ messages: all.slice(-100), hasMore: true }, all[120]!, fetchOlder, { context: 30 });
    expect(result.found).toBe(true);
    expect(new Set(result.older.map((loaded) => loaded.id)).size).toBe(result.older.length);
  });
});

describe('marking the search term in a message', () => {
  it('marks every occurrence, ignoring Latin case', () => {
    expect(markMatches('請問 Size M 還有嗎？size 表在哪', 'size')).toEqual([
      { text: '請問 ', match: false },
      { text: 'Size', match: true },
      { text: ' M 還有嗎？', match: false },
      { text: 'size', match: true },
      { text: ' 表在哪', match: false },
    ]);
    expect(markMatches('薰衣草紫', '薰衣草')).toEqual([
      { text: '薰衣草', match: true },
      { text: '紫', match: false },
    ]);
  });

  it('leaves the text whole when the term is empty or absent', () => {
    expect(markMatches('運費怎麼算？', '  ')).toEqual([{ text: '運費怎麼算？', match: false }]);
    expect(markMatches('運費怎麼算？', '退貨')).toEqual([{ text: '運費怎麼算？', match: false }]);
  });
});
