import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelWindow } from '../../../src/shared/delivery/channel-window';
import { META_HELD_REASON } from '../../../src/shared/delivery/meta-window';
import type { InboxApi } from '../../../src/shared/ipc';
import { ApiProvider } from '../../../src/renderer/api/api-context';
import { ToastProvider } from '../../../src/renderer/components/Toasts';
import { Composer } from '../../../src/renderer/features/conversation/Composer';
import { ReplyWindowStatus } from '../../../src/renderer/features/conversation/ReplyWindowStatus';
import { ChannelFilter } from '../../../src/renderer/features/inbox/ChannelFilter';
import { summaryDelivery } from '../../../src/renderer/features/cart/summary-delivery';
import { I18nProvider } from '../../../src/renderer/i18n';
import { createTranslator } from '../../../src/renderer/i18n/translate';
import { channelFilterOptions, channelPillIndexAfterKey, nextChannelFilter } from '../../../src/renderer/lib/channel-filter';
import { channelWindowStatus, formatWindowLeft } from '../../../src/renderer/lib/channel-window-text';
import { describeReason } from '../../../src/renderer/lib/delivery';
import { replyModeAt } from '../../../src/renderer/lib/reply-mode';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.parse('2024-05-20T04:00:00Z');
const zh = createTranslator('zh-TW');
const en = createTranslator('en');

const meta = (lastCustomerMessageAt: number | null, humanAgentAllowed: boolean): ChannelWindow => ({
  gate: 'messaging_window',
  lastCustomerMessageAt,
  humanAgentAllowed,
});
const webchat = (visitorOnline: boolean): ChannelWindow => ({ gate: 'none', visitorOnline });
const line = (tokenReceivedAt: number | null): ChannelWindow => ({ gate: 'reply_token', tokenReceivedAt });

describe('window text per channel', () => {
  it('counts Meta’s 24 h window down in hours and minutes, then the human-agent week in days', () => {
    // The customer wrote 18 h 48 m ago: 5 h 12 m of the standard window are left.
    const wrote = NOW - (18 * HOUR + 48 * MINUTE);
    expect(channelWindowStatus(meta(wrote, true), NOW, zh)).toEqual({ text: '24 小時回覆視窗：剩 5 小時 12 分', tone: 'calm' });
    expect(channelWindowStatus(meta(wrote, true), NOW, en)).toEqual({ text: '24 h window: 5 h 12 m left', tone: 'calm' });
    // Last hour: amber, minutes rounded up.
    expect(channelWindowStatus(meta(NOW - 23 * HOUR - 30 * MINUTE - 1, false), NOW, en)).toEqual({ text: '24 h window: 30 m left', tone: 'urgent' });
    // Four days after the message: 3 whole days of the human-agent window left (with permission).
    expect(channelWindowStatus(meta(NOW - 4 * DAY, true), NOW, zh)).toEqual({ text: '真人客服視窗（7 天）：剩 3 天', tone: 'human' });
    expect(channelWindowStatus(meta(NOW - 4 * DAY, true), NOW, en).text).toBe('Human-agent window (7 d): 3 d left');
    // Without permission, or after 7 days, or when the customer never wrote: held.
    for (const window of [meta(NOW - 4 * DAY, false), meta(NOW - 7 * DAY, true), meta(null, true)]) {
      expect(channelWindowStatus(window, NOW, zh)).toEqual({ text: '客人再次傳訊前，回覆會保留', tone: 'closed' });
      expect(channelWindowStatus(window, NOW, en).text).toBe('Held until the customer writes');
    }
  });

  it('moves from the 24 h window to the human-agent window exactly at 24 h', () => {
    const wrote = NOW - DAY;
    expect(channelWindowStatus(meta(wrote, true), NOW - 1, en).text).toBe('24 h window: 1 m left');
    expect(channelWindowStatus(meta(wrote, true), NOW, en).text).toBe('Human-agent window (7 d): 6 d left');
    expect(formatWindowLeft(DAY - 1, en)).toBe('23 h 59 m');
    expect(formatWindowLeft(0, zh)).toBe('1 分');
  });

  it('says whether the web chat visitor is there', () => {
    expect(channelWindowStatus(webchat(true), NOW, zh)).toEqual({ text: '訪客在線', tone: 'calm' });
    expect(channelWindowStatus(webchat(false), NOW, zh)).toEqual({ text: '訪客離線，下次造訪時會看到', tone: 'closed' });
    expect(channelWindowStatus(webchat(false), NOW, en).text).toBe('Visitor offline — they will see it on their next visit');
  });

  it('decides free / held per channel rule, offline first', () => {
    expect(replyModeAt(meta(NOW - HOUR, false), NOW, 'online')).toBe('free');
    expect(replyModeAt(meta(NOW - 2 * DAY, false), NOW, 'online')).toBe('held');
    expect(replyModeAt(meta(NOW - 2 * DAY, true), NOW, 'online')).toBe('free');
    expect(replyModeAt(webchat(false), NOW, 'online')).toBe('free');
    expect(replyModeAt(line(NOW - 10_000), NOW, 'online')).toBe('free');
    expect(replyModeAt(line(NOW - 60_000), NOW, 'online')).toBe('held');
    expect(replyModeAt(webchat(true), NOW, 'offline')).toBe('offline');
  });

  it('never turns an order summary into a counted push outside LINE', () => {
    const input = { sendSummary: true, push: true, now: NOW, connection: 'online' as const };
    expect(summaryDelivery({ ...input, channel: 'instagram', replyWindow: meta(NOW - 3 * DAY, false) })).toEqual({ mode: 'held' });
    expect(summaryDelivery({ ...input, channel: 'messenger', replyWindow: meta(NOW - HOUR, false) })).toEqual({ mode: 'free', secondsLeft: null });
    expect(summaryDelivery({ ...input, channel: 'webchat', replyWindow: webchat(false) })).toEqual({ mode: 'free', secondsLeft: null });
    expect(summaryDelivery({ ...input, channel: 'line', replyWindow: line(null) })).toEqual({ mode: 'push' });
  });

  it('turns Meta’s held reasons into sentences', () => {
    expect(describeReason(META_HELD_REASON.closedNoHumanAgent, zh)).toContain('不能使用真人客服標籤');
    expect(describeReason(META_HELD_REASON.closed, en)).toBe('More than 7 days since the customer’s last message: held until the customer writes again');
  });
});

describe('channel filter logic', () => {
  const counts = { line: 40, messenger: 2, instagram: 1, webchat: 3 };

  it('lists All first with the sum, then each channel with its count', () => {
    expect(channelFilterOptions(counts, 'messenger').map((option) => [option.channel, option.count, option.selected])).toEqual([
      [null, 46, false],
      ['line', 40, false],
      ['messenger', 2, true],
      ['instagram', 1, false],
      ['webchat', 3, false],
    ]);
    expect(channelFilterOptions(null, null).map((option) => option.count)).toEqual([null, null, null, null, null]);
  });

  it('toggles back to All, and moves with the arrow keys, wrapping around', () => {
    expect(nextChannelFilter('instagram', 'instagram')).toBeNull();
    expect(nextChannelFilter(null, 'webchat')).toBe('webchat');
    expect(nextChannelFilter('line', null)).toBeNull();
    expect(channelPillIndexAfterKey('ArrowRight', 4, 5)).toBe(0);
    expect(channelPillIndexAfterKey('ArrowLeft', 0, 5)).toBe(4);
    expect(channelPillIndexAfterKey('End', 1, 5)).toBe(4);
    expect(channelPillIndexAfterKey('Enter', 1, 5)).toBeNull();
  });
});

/** Nothing is invoked while rendering to markup (effects do not run). */
const api = { invoke: () => new Promise(() => undefined), onChanged: () => () => undefined } as unknown as InboxApi;
function render(node: React.ReactNode): string {
  return renderToStaticMarkup(
    <ApiProvider api={api}>
      <I18nProvider>
        <ToastProvider>{node}</ToastProvider>
      </I18nProvider>
    </ApiProvider>,
  );
}

describe('the composer and header per channel', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  const composer = (channel: 'line' | 'messenger' | 'webchat', replyWindow: ChannelWindow) =>
    render(
      <Composer conversationId="c1" channel={channel} replyWindow={replyWindow} connection="online" pushPriceNtd={0.2} pushBlocked={false} />,
    );

  it('offers a counted push only on a held LINE conversation', () => {
    expect(composer('line', line(null))).toContain('composer-push');
    const heldMessenger = composer('messenger', meta(NOW - 3 * DAY, false));
    expect(heldMessenger).not.toContain('composer-push');
    expect(heldMessenger).not.toContain('計費推播');
    expect(heldMessenger).toContain('reply-hint-held');
    expect(composer('webchat', webchat(false))).toContain('reply-hint-free');
  });

  it('shows the channel’s window in the header', () => {
    expect(render(<ReplyWindowStatus window={meta(NOW - (18 * HOUR + 48 * MINUTE), true)} />)).toContain('24 小時回覆視窗：剩 5 小時 12 分');
    expect(render(<ReplyWindowStatus window={webchat(true)} />)).toContain('訪客在線');
    expect(render(<ReplyWindowStatus window={line(NOW - 8_000)} />)).toContain('免費回覆剩 0:42');
  });

  it('renders the channel filter as a radio group with counts, only the chosen one in the tab order', () => {
    const html = render(<ChannelFilter counts={{ line: 40, messenger: 2, instagram: 1, webchat: 3 }} selected="webchat" onChange={() => undefined} />);
    expect(html).toContain('role="radiogroup"');
    expect(html).toContain('aria-label="網站聊天，3 則對話"');
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    expect(html).toMatch(/data-channel-filter="webchat"[^>]*>|aria-checked="true"[^>]*data-channel-filter="webchat"/);
  });
});
