import { describe, expect, it } from 'vitest';
import { REPLY_TOKEN_SAFE_AGE_MS } from '../../../src/shared/delivery/reply-window';
import { messageDeliverySchema } from '../../../src/shared/ipc';
import { createTranslator } from '../../../src/renderer/i18n/translate';
import { describeDelivery } from '../../../src/renderer/lib/delivery';
import { replyModeAt } from '../../../src/renderer/lib/reply-mode';

const zh = createTranslator('zh-TW');
const en = createTranslator('en');

describe('describeDelivery', () => {
  it('labels every delivery state in the words agents use', () => {
    const labels = Object.fromEntries(messageDeliverySchema.options.map((state) => [state, describeDelivery(state, null, zh).label]));
    expect(labels).toEqual({
      queued: '待傳送',
      sending: '傳送中',
      sent_free: '已送出・免費',
      held: '保留中（等顧客回覆）',
      sent_push: '已推播・計費',
      failed: '失敗',
      cancelled: '已取消',
    });
  });

  it('shows a failure reason both in the label and on hover', () => {
    const failed = describeDelivery('failed', ' LINE 沒有回應 ', zh);
    expect(failed.label).toBe('失敗：LINE 沒有回應');
    expect(failed.title).toBe(failed.label);
    expect(failed.tone).toBe('error');
  });

  it('turns the relay reason codes into sentences in the agent language', () => {
    expect(describeDelivery('failed', 'line_unconfirmed', zh).label).toBe(
      '失敗：LINE 沒有回應，不確定是否送達；請先確認聊天內容再決定是否重送',
    );
    expect(describeDelivery('failed', 'line_unconfirmed', en).label).toContain('check the chat before resending');
    expect(describeDelivery('held', 'no_fresh_token', zh).title).toContain('顧客下次傳訊時免費送出');
    expect(describeDelivery('failed', 'line_refused:400:The request body has 1 error(s)', en).label).toBe(
      'Failed: LINE refused this message (400): The request body has 1 error(s)',
    );
    expect(describeDelivery('failed', 'something_new_from_a_newer_relay', en).label).toBe(
      'Failed: something_new_from_a_newer_relay',
    );
  });

  it('says in both languages why a Messenger or Instagram reply was held or failed', () => {
    expect(describeDelivery('held', 'meta_window_closed_no_human_agent', zh).title).toContain('24 小時');
    expect(describeDelivery('held', 'meta_window_closed', en).title).toContain('7 days');
    expect(describeDelivery('held', 'meta_outside_window', zh).title).toContain('沒有送出');
    expect(describeDelivery('failed', 'meta_person_unavailable', zh).label).toBe('失敗：目前無法傳訊給這位顧客（可能已封鎖粉絲專頁）');
    expect(describeDelivery('failed', 'meta_unconfirmed', en).label).toBe('Failed: Meta did not confirm delivery — check the chat before resending');
    expect(describeDelivery('failed', 'meta_token_invalid', en).label).toContain('META_PAGE_ACCESS_TOKEN');
    expect(describeDelivery('failed', 'meta_refused:100:(#100) Invalid parameter', zh).label).toBe(
      '失敗：Meta 拒絕了這則訊息（#100）：(#100) Invalid parameter',
    );
  });

  it('explains held and pushed messages on hover', () => {
    expect(describeDelivery('held', null, en).title).toContain('free');
    expect(describeDelivery('sent_push', null, zh).title).toContain('計入');
    expect(describeDelivery('sent_push', null, zh).tone).toBe('paid');
    expect(describeDelivery('sent_free', null, zh).tone).toBe('free');
  });
});

describe('replyModeAt', () => {
  const openedAt = 1_000_000;
  const line = (tokenReceivedAt: number | null) => ({ gate: 'reply_token' as const, tokenReceivedAt });
  it('is free while the reply token is younger than the safe age', () => {
    expect(replyModeAt(line(openedAt), openedAt + 1_000, 'online')).toBe('free');
    expect(replyModeAt(line(openedAt), openedAt + REPLY_TOKEN_SAFE_AGE_MS - 1, 'online')).toBe('free');
  });

  it('is held once the window closed or when there never was one', () => {
    expect(replyModeAt(line(openedAt), openedAt + REPLY_TOKEN_SAFE_AGE_MS, 'online')).toBe('held');
    expect(replyModeAt(line(null), openedAt, 'online')).toBe('held');
  });

  it('says offline whenever the app is not connected, window or not', () => {
    expect(replyModeAt(line(openedAt), openedAt + 1_000, 'offline')).toBe('offline');
    expect(replyModeAt(line(null), openedAt, 'connecting')).toBe('offline');
  });
});
