import { describe, expect, it } from 'vitest';
import { createVisitorMessageFolder, unreadCount, visitorMessagesOf } from '../../../../src/relay/channels/webchat/visitor-messages';
import type { DeliveryState, RelayEvent } from '../../../../src/shared/protocol';

const CONV = 'webchat:web:v_abc';
let seq = 0;
const received = (messageId: string, text: string): RelayEvent => ({
  seq: ++seq,
  type: 'message.received',
  conversationId: CONV,
  occurredAt: seq * 10,
  payload: { messageId, friendId: 'v_abc', kind: 'text', text, replyTokenReceivedAt: null },
});
const sent = (messageId: string, text: string, delivery: DeliveryState): RelayEvent => ({
  seq: ++seq,
  type: 'message.sent',
  conversationId: CONV,
  occurredAt: seq * 10,
  payload: { messageId, mutationId: `mut-${messageId}`, text, agentName: 'Amy', delivery, reason: null },
});
const updated = (messageId: string, delivery: DeliveryState): RelayEvent => ({
  seq: ++seq,
  type: 'delivery.updated',
  conversationId: CONV,
  occurredAt: seq * 10,
  payload: { messageId, mutationId: `mut-${messageId}`, delivery, reason: null },
});
const edited = (messageId: string, text: string): RelayEvent => ({
  seq: ++seq,
  type: 'message.edited',
  conversationId: CONV,
  occurredAt: seq * 10,
  payload: { messageId, mutationId: `edit-${messageId}`, text, agentName: 'Amy' },
});

describe("a web chat conversation as its visitor sees it", () => {
  it("shows the customer's messages and agents' messages once sent_free, at the moment they were stored for the visitor", () => {
    seq = 0;
    const events = [
      received('m1', '請問有 M 號嗎？'),
      sent('a1', '有的！', 'sending'),
      { seq: ++seq, type: 'conversation.replyWindow', conversationId: CONV, occurredAt: 0, payload: { tokenReceivedAt: null, webchat: { visitorOnline: true } } } as RelayEvent,
      updated('a1', 'sent_free'),
      sent('a2', 'already free', 'sent_free'),
      sent('a3', 'never delivered', 'sending'),
      updated('a3', 'failed'),
      updated('a3', 'sent_free'),
      sent('a4', 'first text', 'held'),
      edited('a4', 'edited text'),
      updated('a4', 'sent_free'),
      sent('a5', 'withdrawn', 'held'),
      updated('a5', 'cancelled'),
      sent('a6', 'still on its way', 'sending'),
    ];
    const messages = visitorMessagesOf(events, 100);
    expect(messages.map(({ id, text, from }) => `${from}:${id}:${text}`)).toEqual([
      'visitor:m1:請問有 M 號嗎？',
      'agent:a1:有的！',
      'agent:a2:already free',
      'agent:a4:edited text',
    ]);
    expect(messages[1]).toEqual({ id: 'a1', text: '有的！', from: 'agent', at: 40, seq: 4 });
  });

  it('keeps the newest `max` messages and counts unread agent messages after the read position', () => {
    seq = 0;
    const events = [received('m1', 'a'), sent('a1', 'b', 'sent_free'), sent('a2', 'c', 'sent_free'), received('m2', 'd'), sent('a3', 'e', 'sent_free')];
    const messages = visitorMessagesOf(events, 3);
    expect(messages.map((message) => message.id)).toEqual(['a2', 'm2', 'a3']);
    expect(unreadCount(visitorMessagesOf(events, 100), 0)).toBe(3);
    expect(unreadCount(visitorMessagesOf(events, 100), 3)).toBe(1);
    expect(unreadCount(visitorMessagesOf(events, 100), 5)).toBe(0);
  });

  it('never hands the widget a message its schema would refuse, and keeps markup as plain text', () => {
    seq = 0;
    const folder = createVisitorMessageFolder();
    expect(folder.next(sent('big', 'x'.repeat(10_001), 'sent_free'))).toBeNull();
    expect(folder.next(sent('emoji', '😀'.repeat(5000), 'sent_free'))?.text).toHaveLength(10_000);
    expect(folder.next(sent('html', '<img src=x onerror=alert(1)>', 'sent_free'))?.text).toBe('<img src=x onerror=alert(1)>');
  });
});
