import { describe, expect, it } from 'vitest';
import { isLineUserChat, loadingSecondsFor } from '../../../src/shared/delivery/typing-indicator';

describe('typing indicator timing', () => {
  const token = 1_000_000;
  it('covers the next throttle interval while the window is wide open', () => {
    expect(loadingSecondsFor(token, token)).toBe(20);
    expect(loadingSecondsFor(token, token + 29_000)).toBe(20);
  });

  it('shrinks to the rest of the free window, in LINE steps of 5 s (at least 5)', () => {
    expect(loadingSecondsFor(token, token + 31_000)).toBe(20); // 19 s left → 20
    expect(loadingSecondsFor(token, token + 36_000)).toBe(15); // 14 s left → 15
    expect(loadingSecondsFor(token, token + 49_500)).toBe(5); // 0.5 s left → 5
  });

  it('is not shown when the window is closed or there never was a token', () => {
    expect(loadingSecondsFor(token, token + 50_000)).toBeNull();
    expect(loadingSecondsFor(null, token)).toBeNull();
  });

  it('only in one-to-one chats', () => {
    expect(isLineUserChat(`U${'a1'.repeat(16)}`)).toBe(true);
    expect(isLineUserChat(`C${'a1'.repeat(16)}`)).toBe(false);
    expect(isLineUserChat(`R${'a1'.repeat(16)}`)).toBe(false);
    expect(isLineUserChat('Ushort')).toBe(false);
  });
});
