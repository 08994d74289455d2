import { describe, expect, it } from 'vitest';
import { productSchema } from '../../../src/shared/catalog/catalog-schema';
import { REPLY_TOKEN_SAFE_AGE_MS } from '../../../src/shared/delivery/reply-window';
import { EMPTY_DRAFT, cartReducer } from '../../../src/renderer/features/cart/cart-draft';
import { firstCursor, isCartToggle, moveCursor, type CartToggleKey } from '../../../src/renderer/features/cart/cart-keys';
import { draftStorageKey, loadDraft, saveDraft, type DraftStorage } from '../../../src/renderer/features/cart/draft-storage';
import { createOptions, summaryDelivery } from '../../../src/renderer/features/cart/summary-delivery';

function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const TOTE = productSchema.parse({ sku: 'AC-101', name: '帆布托特包', price: 490 });

describe('draft persistence', () => {
  it('keeps one draft per conversation and restores it', () => {
    const storage = memoryStorage();
    const first = cartReducer(EMPTY_DRAFT, { type: 'add', product: TOTE, variantId: null });
    const second = cartReducer(EMPTY_DRAFT, { type: 'note', note: '下週再寄' });
    saveDraft(storage, 'c01', first);
    saveDraft(storage, 'c02', second);
    expect(loadDraft(storage, 'c01')).toEqual(first);
    expect(loadDraft(storage, 'c02')).toEqual(second);
    expect(loadDraft(storage, 'c03')).toEqual(EMPTY_DRAFT);
  });

  it('removes the entry when the draft becomes empty (after an order was created)', () => {
    const storage = memoryStorage();
    saveDraft(storage, 'c01', cartReducer(EMPTY_DRAFT, { type: 'add', product: TOTE, variantId: null }));
    expect(storage.data.has(draftStorageKey('c01'))).toBe(true);
    saveDraft(storage, 'c01', EMPTY_DRAFT);
    expect(storage.data.size).toBe(0);
  });

  it('starts an empty cart from unreadable or tampered data instead of failing', () => {
    const storage = memoryStorage();
    storage.setItem(draftStorageKey('c01'), '{not json');
    storage.setItem(draftStorageKey('c02'), JSON.stringify({ ...EMPTY_DRAFT, lines: [{ sku: 'X', variantId: null, name: 'x', variantLabel: '', unitPrice: -5, quantity: 1 }] }));
    expect(loadDraft(storage, 'c01')).toEqual(EMPTY_DRAFT);
    expect(loadDraft(storage, 'c02')).toEqual(EMPTY_DRAFT);
    expect(loadDraft(null, 'c01')).toEqual(EMPTY_DRAFT);
  });

  it('survives storage that throws (private mode, quota)', () => {
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    expect(loadDraft(broken, 'c01')).toEqual(EMPTY_DRAFT);
    expect(() => saveDraft(broken, 'c01', cartReducer(EMPTY_DRAFT, { type: 'note', note: 'x' }))).not.toThrow();
  });
});

describe('cart keys', () => {
  const key = (overrides: Partial<CartToggleKey>): CartToggleKey => ({ key: 'c', code: 'KeyC', altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, isComposing: false, ...overrides });

  it('toggles on Alt+C, also when Option+C types ç on a Mac', () => {
    expect(isCartToggle(key({}))).toBe(true);
    expect(isCartToggle(key({ key: 'ç' }))).toBe(true);
    expect(isCartToggle(key({ key: 'C', code: 'KeyC' }))).toBe(true);
  });

  it('ignores plain C, other modifiers and IME composition', () => {
    expect(isCartToggle(key({ altKey: false }))).toBe(false);
    expect(isCartToggle(key({ ctrlKey: true }))).toBe(false);
    expect(isCartToggle(key({ metaKey: true }))).toBe(false);
    expect(isCartToggle(key({ shiftKey: true }))).toBe(false);
    expect(isCartToggle(key({ isComposing: true }))).toBe(false);
    expect(isCartToggle(key({ key: 'v', code: 'KeyV' }))).toBe(false);
  });

  it('moves through results (↑/↓) and their pickable variants (←/→), skipping sold-out ones', () => {
    const rows = [{ pickable: [0, 1, 2, 4, 5] }, { pickable: [] }, { pickable: [-1] }];
    let cursor = firstCursor(rows);
    expect(cursor).toEqual({ row: 0, option: 0 });
    for (let step = 0; step < 4; step += 1) cursor = moveCursor(rows, cursor, 'ArrowRight');
    expect(cursor).toEqual({ row: 0, option: 5 });
    expect(moveCursor(rows, cursor, 'ArrowRight')).toEqual({ row: 0, option: 5 });
    expect(moveCursor(rows, cursor, 'ArrowLeft')).toEqual({ row: 0, option: 4 });
    cursor = moveCursor(rows, cursor, 'ArrowDown');
    expect(cursor).toEqual({ row: 1, option: -1 });
    cursor = moveCursor(rows, cursor, 'ArrowDown');
    expect(cursor).toEqual({ row: 2, option: -1 });
    expect(moveCursor(rows, cursor, 'ArrowDown')).toEqual(cursor);
    expect(moveCursor(rows, { row: 0, option: 2 }, 'ArrowUp')).toEqual({ row: 0, option: 2 });
    expect(firstCursor([])).toBeNull();
    expect(moveCursor([], null, 'ArrowDown')).toBeNull();
  });
});

describe('summary delivery hint', () => {
  const now = 1_800_000_000_000;
  const base = { sendSummary: true, push: false, now, connection: 'online' as const, channel: 'line' as const };
  const line = (tokenReceivedAt: number | null) => ({ replyWindow: { gate: 'reply_token' as const, tokenReceivedAt } });

  it('is a free reply while the window is open, with the seconds left', () => {
    expect(summaryDelivery({ ...base, ...line(now - 18_000) })).toEqual({ mode: 'free', secondsLeft: Math.ceil((REPLY_TOKEN_SAFE_AGE_MS - 18_000) / 1000) });
    // Consent does not matter while a free reply is possible.
    expect(summaryDelivery({ ...base, push: true, ...line(now - 18_000) }).mode).toBe('free');
  });

  it('is held after the window, or a push with consent; offline wins; nothing when not sending', () => {
    expect(summaryDelivery({ ...base, ...line(now - REPLY_TOKEN_SAFE_AGE_MS) })).toEqual({ mode: 'held' });
    expect(summaryDelivery({ ...base, ...line(null), push: true })).toEqual({ mode: 'push' });
    expect(summaryDelivery({ ...base, ...line(now), connection: 'offline' })).toEqual({ mode: 'offline' });
    expect(summaryDelivery({ ...base, ...line(now), sendSummary: false })).toEqual({ mode: 'none' });
  });

  it('asks for a push only with consent and when the summary is sent', () => {
    expect(createOptions(true, { mode: 'push' })).toEqual({ sendSummary: true, push: true });
    expect(createOptions(true, { mode: 'held' })).toEqual({ sendSummary: true });
    expect(createOptions(false, { mode: 'none' })).toEqual({ sendSummary: false });
  });
});
