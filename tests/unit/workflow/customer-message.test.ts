import { describe, expect, it } from 'vitest';
import { customerMessageNeedsReply, customerMessageSupersedesStatus, customerWords } from '../../../src/shared/workflow/customer-message';
import { effectiveStatus } from '../../../src/shared/workflow/conversation-status';
import { isHeldReplyOverdue } from '../../../src/shared/workflow/inbox-settings';
import { findMentions } from '../../../src/shared/workflow/mentions';

describe('what a customer message means for the team', () => {
  it('a sticker or media alone never needs a reply; words with media are read', () => {
    expect(customerMessageNeedsReply('sticker', '[貼圖]')).toBe(false);
    // A greeting opens a conversation and waits for the shop; thanks do not.
    expect(customerMessageNeedsReply('text', '在嗎？')).toBe(true);
    expect(customerMessageNeedsReply('text', '謝謝')).toBe(false);
    // A statement no cue reads is most often a problem told plainly; praise and small talk are not.
    expect(customerMessageNeedsReply('text', '燈才用三個月就一直閃')).toBe(true);
    expect(customerMessageNeedsReply('text', '老闆人很好')).toBe(false);
    // A message sticker's typed words are read like text.
    expect(customerMessageNeedsReply('sticker', '我要退貨')).toBe(true);
    expect(customerMessageNeedsReply('image', '[圖片]')).toBe(false);
    expect(customerMessageNeedsReply('image', '這件有 M 號嗎？ [圖片]')).toBe(true);
    expect(customerMessageNeedsReply('story_reply', '[回覆限時動態] 這件還有嗎')).toBe(true);
    expect(customerWords('[圖片：春季新品] 好看 [貼圖]')).toBe('好看');
  });

  it('supersedes an unseen status change unless it only closes the exchange', () => {
    expect(customerMessageSupersedesStatus('text', '謝謝！')).toBe(false);
    expect(customerMessageSupersedesStatus('text', '好的 👌')).toBe(false);
    expect(customerMessageSupersedesStatus('sticker', '[貼圖]')).toBe(false);
    expect(customerMessageSupersedesStatus('text', '另外想問運費')).toBe(true);
    expect(customerMessageSupersedesStatus('image', '[圖片]')).toBe(true);
    expect(customerMessageSupersedesStatus('text', '你好')).toBe(true);
  });

  it('a snooze ends by itself; a held reply is overdue at the alert', () => {
    expect(effectiveStatus('snoozed', 2_000, 1_000)).toBe('snoozed');
    expect(effectiveStatus('snoozed', 2_000, 2_000)).toBe('open');
    expect(effectiveStatus('done', null, 5)).toBe('done');
    expect(isHeldReplyOverdue(0, 30 * 60_000 - 1, { heldReplyAlertMinutes: 30 })).toBe(false);
    expect(isHeldReplyOverdue(0, 30 * 60_000, { heldReplyAlertMinutes: 30 })).toBe(true);
  });

  it('finds @mentions of members, the longest name first, full-width @ too', () => {
    const team = ['小美', '小美 Mei', '阿杰', '示範客服 Demo Agent'];
    expect(findMentions('@小美 Mei 請看一下，＠阿杰 也是', team)).toEqual(['小美 Mei', '阿杰']);
    expect(findMentions('寄到 a@b.com', team)).toEqual([]);
    expect(findMentions('@示範客服 Demo Agent 幫忙', team)).toEqual(['示範客服 Demo Agent']);
  });
});
