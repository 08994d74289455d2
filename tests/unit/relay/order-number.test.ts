import { describe, expect, it } from 'vitest';
import { formatOrderNo, orderDayKey } from '../../../src/relay/orders/order-number';

describe('order numbers', () => {
  it('uses the Taiwan (UTC+8) calendar day of the relay clock', () => {
    expect(orderDayKey(Date.parse('2026-11-23T15:59:59.999Z'))).toBe('261123');
    expect(orderDayKey(Date.parse('2026-11-23T16:00:00.000Z'))).toBe('261124'); // midnight in Taipei
    expect(orderDayKey(Date.parse('2030-01-01T00:00:00+08:00'))).toBe('300101');
  });

  it('pads the per-day counter to four digits and grows past 9999', () => {
    expect(formatOrderNo('261123', 1)).toBe('SO2611230001');
    expect(formatOrderNo('261123', 9999)).toBe('SO2611239999');
    expect(formatOrderNo('261123', 10000)).toBe('SO26112310000');
  });
});
