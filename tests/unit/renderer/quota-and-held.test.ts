import { describe, expect, it } from 'vitest';
import { pricePerPushNtd, resolvePlan, TAIWAN_2023_PLANS } from '../../../src/shared/billing/plans';
import { dailySeries } from '../../../src/shared/billing/savings';
import type { MessageView, QuotaView } from '../../../src/shared/ipc';
import { heldTrayItems } from '../../../src/renderer/lib/held-items';
import { formatNtd, projectToMonthEnd, pushPriceNtd, quotaLevel } from '../../../src/renderer/lib/quota';

const quota = (overrides: Partial<QuotaView> = {}): QuotaView => ({
  type: 'limited',
  limit: 200,
  used: 50,
  polledAt: 0,
  blocked: false,
  plan: TAIWAN_2023_PLANS[0]!,
  ...overrides,
});

describe('quota meter', () => {
  it('projects the month at its pace so far', () => {
    // 10 days into a 30-day month with 50 used → 150 by month end.
    expect(projectToMonthEnd(50, new Date(2024, 5, 11, 0, 0))).toBe(150);
    expect(projectToMonthEnd(0, new Date(2024, 5, 20))).toBe(0);
  });
  it('is red when blocked or used up, amber when the pace would exceed the limit', () => {
    expect(quotaLevel(quota(), 150)).toBe('ok');
    expect(quotaLevel(quota(), 260)).toBe('warning');
    expect(quotaLevel(quota({ blocked: true }), 100)).toBe('blocked');
    expect(quotaLevel(quota({ used: 200 }), 200)).toBe('blocked');
    expect(quotaLevel(quota({ type: 'none', limit: null, used: 9000 }), 20_000)).toBe('ok');
  });
  it('quotes the push price of the plan', () => {
    expect(pushPriceNtd(null)).toBe(0.2);
    expect(pushPriceNtd(quota({ plan: { ...TAIWAN_2023_PLANS[2]!, extraPerMessageNtd: 0.15 } }))).toBe(0.15);
    expect(formatNtd(0.2)).toBe('0.2');
    expect(formatNtd(6)).toBe('6.0');
    expect(formatNtd(1234.5)).toBe('1,234.5');
  });
});

describe('price plans', () => {
  it('takes the configured plan, else infers it from LINE’s limit', () => {
    expect(resolvePlan(TAIWAN_2023_PLANS, 'heavy', 200).name).toBe('高用量');
    expect(resolvePlan(TAIWAN_2023_PLANS, null, 3000).name).toBe('中用量');
    expect(resolvePlan(TAIWAN_2023_PLANS, null, 6000).name).toBe('高用量');
    expect(resolvePlan(TAIWAN_2023_PLANS, null, null).name).toBe('輕用量');
    expect(pricePerPushNtd(TAIWAN_2023_PLANS[1]!, TAIWAN_2023_PLANS)).toBe(0.2);
    expect(pricePerPushNtd(TAIWAN_2023_PLANS[1]!, [TAIWAN_2023_PLANS[1]!])).toBe(0);
  });
});

describe('held tray items and the chart series', () => {
  const message = (id: string, delivery: MessageView['delivery'], deliveryReason: string | null = null): MessageView => ({
    id,
    conversationId: 'c',
    direction: 'out',
    kind: 'text',
    text: id,
    createdAt: 0,
    author: '小美',
    delivery,
    deliveryReason,
    auto: false,
    purpose: 'reply',
    orderId: null,
    content: null,
    mediaUnavailable: null,
    withdrawn: false,
    eventDetails: null,
    senderName: null,
    quoted: null,
  });
  it('lists held messages and unconfirmed failures only', () => {
    const items = heldTrayItems([
      message('free', 'sent_free'),
      message('held', 'held', 'no_fresh_token'),
      message('unknown', 'failed', 'line_unconfirmed'),
      message('refused', 'failed', 'line_refused:400:bad'),
      message('push-unknown', 'failed', 'push_unconfirmed'),
      message('gone', 'cancelled'),
    ]);
    expect(items.map((item) => [item.message.id, item.kind])).toEqual([
      ['held', 'held'],
      ['unknown', 'unconfirmed'],
      ['push-unknown', 'unconfirmed'],
    ]);
  });
  it('fills days without replies with zeros', () => {
    const series = dailySeries({
      from: '2024-02-27',
      to: '2024-03-01',
      pricePerPushNtd: 0.2,
      planName: null,
      rows: [
        { day: '2024-02-28', agent: 'a', freeReplies: 3, countedPushes: 1, savedNtd: 0.6 },
        { day: '2024-02-28', agent: 'b', freeReplies: 2, countedPushes: 0, savedNtd: 0.4 },
      ],
      totals: { freeReplies: 5, countedPushes: 1, savedNtd: 1, pushCostNtd: 0.2 },
      channels: [],
    });
    expect(series).toEqual([
      { day: '2024-02-27', freeReplies: 0, countedPushes: 0 },
      { day: '2024-02-28', freeReplies: 5, countedPushes: 1 },
      { day: '2024-02-29', freeReplies: 0, countedPushes: 0 },
      { day: '2024-03-01', freeReplies: 0, countedPushes: 0 },
    ]);
  });
});
