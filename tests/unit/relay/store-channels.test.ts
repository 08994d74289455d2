import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../../src/shared/channels/conversation-id';
import { META_HELD_REASON } from '../../../src/shared/delivery/meta-window';
import type { ChannelSender } from '../../../src/relay/delivery/channel-sender';
import { createChannelSenders } from '../../../src/relay/delivery/channel-senders';
import { createMutationHandler } from '../../../src/relay/delivery/mutation-handler';
import { releaseHeldReplies } from '../../../src/relay/delivery/reply-sender';
import { silentLogger } from '../../../src/relay/logger';
import type { ClaimedReplyBatch, InboundItem } from '../../../src/relay/store/relay-store';
import { openTestRelayStore } from '../../support/relay-backend';
import { recordInbound } from '../../support/inbound';
import { openTempStore, type TempStore, senderDeps } from './store-fixture';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const AGENT = { name: 'Amy', role: 'agent' as const };
const PAGE = '1029384756';
const PSID = '24681357902468';

function metaMessage(channel: 'messenger' | 'instagram', mid: string, text: string, occurredAt: number, customerId = PSID): InboundItem {
  const key = { channel, accountId: PAGE, customerId };
  return {
    channel,
    dedupeKey: `${channel}:mid:${mid}`,
    eventType: 'message',
    occurredAt,
    conversation: { ...key, id: conversationIdFor(key), placeholderName: `${channel} 客人`, profileKey: customerId },
    upsertConversation: true,
    message: { messageId: mid, kind: 'text', text },
    echo: null,
    window: { kind: 'customer_message' },
    channelEvent: null,
  };
}

/** A Meta sender that records what it was asked and answers `sent` with a fresh mid (or what `answer` says). */
function recordingMetaSender(answer?: (batch: ClaimedReplyBatch) => 'sent' | 'outside') {
  const calls: ClaimedReplyBatch[] = [];
  let next = 0;
  const sender: ChannelSender = {
    async sendBatch(batch) {
      calls.push(batch);
      return batch.items.map(() =>
        answer?.(batch) === 'outside'
          ? { delivery: 'held' as const, reason: 'meta_outside_window', platformMessageId: null }
          : { delivery: 'sent_free' as const, reason: null, platformMessageId: `m_sent_${++next}` },
      );
    },
  };
  return { sender, calls };
}

describe('the store on Messenger, Instagram and web chat conversations', () => {
  let fixture: TempStore;
  let clock: number;
  const now = () => clock;
  beforeEach(async () => {
    fixture = await openTempStore();
    clock = 1_800_000_000_000;
  });
  afterEach(() => fixture.dispose());

  function handlerWith(sender: ChannelSender, store = fixture.store) {
    const deps = senderDeps(store, null, now, { senders: createChannelSenders({ lineClient: null, logger: silentLogger, meta: sender }) });
    return { deps, handler: createMutationHandler(deps) };
  }
  const reply = (conversationId: string, id: string, text = '您好，這就為您查詢') => ({
    id,
    type: 'reply.send' as const,
    payload: { conversationId, text },
  });

  it('keeps the customer’s last message time per conversation and announces the Meta window', async () => {
    const result = await recordInbound(fixture.store, [metaMessage('messenger', 'mid.1', '請問有現貨嗎', clock - 1_000)], clock);
    const conversationId = `messenger:${PAGE}:${PSID}`;
    expect(result.appended.map((event) => event.type)).toEqual(['conversation.upserted', 'message.received', 'conversation.replyWindow']);
    expect(result.appended[0]).toMatchObject({ payload: { channel: 'messenger', friendId: PSID, displayName: 'messenger 客人' } });
    expect(result.appended[2]).toMatchObject({
      conversationId,
      payload: { tokenReceivedAt: null, meta: { lastCustomerMessageAt: clock - 1_000, humanAgentAllowed: false } },
    });
    expect(result.conversationsWithNewWindow).toEqual([conversationId]);
    expect(result.profileCandidates).toEqual([{ channel: 'messenger', profileKey: PSID, conversationId }]);
    // A redelivered mid is one message; an older message (late delivery) does not move the window back.
    const again = await recordInbound(fixture.store, [metaMessage('messenger', 'mid.1', '請問有現貨嗎', clock - 1_000), metaMessage('messenger', 'mid.0', '早', clock - 5_000)], clock);
    expect(again.duplicates).toBe(1);
    expect(again.appended.map((event) => event.type)).toEqual(['message.received']);
    expect(await fixture.store.lastCustomerMessageAt(conversationId)).toBe(clock - 1_000);
  });

  it('sends a reply inside 24 h as RESPONSE to the PSID and reports it sent free', async () => {
    const { sender, calls } = recordingMetaSender();
    const { handler } = handlerWith(sender);
    await recordInbound(fixture.store, [metaMessage('messenger', 'mid.1', '運費多少？', clock - 23 * HOUR)], clock);
    const ack = await handler.apply(reply(`messenger:${PAGE}:${PSID}`, 'mutation-1'), AGENT);
    expect(ack).toMatchObject({ ok: true, delivery: 'sent_free', reason: null });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ channel: 'messenger', accountId: PAGE, recipientId: PSID, claim: { kind: 'messaging_window', messagingType: 'RESPONSE' } });
  });

  it('holds a reply 24 h – 7 d after the last message unless the page may use HUMAN_AGENT, and holds after 7 d always', async () => {
    const { sender, calls } = recordingMetaSender();
    const { handler } = handlerWith(sender);
    const conversationId = `instagram:${PAGE}:${PSID}`;
    await recordInbound(fixture.store, [metaMessage('instagram', 'mid.1', '尺寸怎麼選', clock - 25 * HOUR)], clock);
    expect(await handler.apply(reply(conversationId, 'mutation-25h'), AGENT)).toMatchObject({ delivery: 'held', reason: META_HELD_REASON.closedNoHumanAgent });
    expect(calls).toEqual([]);

    // The same store opened by a relay whose page has Meta's Human Agent permission.
    const tagged = await openTestRelayStore(fixture.dataDir, { metaHumanAgentAllowed: true });
    try {
      const human = recordingMetaSender();
      const withTag = handlerWith(human.sender, tagged);
      expect(await withTag.handler.apply(reply(conversationId, 'mutation-25h-tag'), AGENT)).toMatchObject({ delivery: 'sent_free' });
      expect(human.calls[0]?.claim).toEqual({ kind: 'messaging_window', messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
      clock += 6 * DAY; // 8 days after the customer's message
      expect(await withTag.handler.apply(reply(conversationId, 'mutation-8d'), AGENT)).toMatchObject({ delivery: 'held', reason: META_HELD_REASON.closed });
      expect(human.calls).toHaveLength(1);
    } finally {
      await tagged.close();
    }
  });

  it('sends held replies, oldest first, once the customer writes again', async () => {
    const { sender, calls } = recordingMetaSender();
    const { deps, handler } = handlerWith(sender);
    const conversationId = `messenger:${PAGE}:${PSID}`;
    await recordInbound(fixture.store, [metaMessage('messenger', 'mid.1', '在嗎', clock - 8 * DAY)], clock);
    await handler.apply(reply(conversationId, 'mutation-a', '第一則'), AGENT);
    await handler.apply(reply(conversationId, 'mutation-b', '第二則'), AGENT);
    expect(calls).toEqual([]);
    const fresh = await recordInbound(fixture.store, [metaMessage('messenger', 'mid.2', '我在', clock)], clock);
    expect(fresh.conversationsWithNewWindow).toEqual([conversationId]);
    expect(await releaseHeldReplies(deps, conversationId)).toBe(2);
    expect(calls.flatMap((call) => call.items.map((item) => item.text))).toEqual(['第一則', '第二則']);
    const delivered = (await fixture.store.readEvents(0, 100)).filter((event) => event.type === 'delivery.updated').map((event) => event.payload.delivery);
    expect(delivered).toEqual(['sending', 'sending', 'sent_free', 'sent_free']);
    expect(await releaseHeldReplies(deps, conversationId)).toBe(0);
  });

  it('shows a page echo from another tool as an outgoing message, and never an echo of its own send', async () => {
    const { sender } = recordingMetaSender();
    const { handler } = handlerWith(sender);
    const conversationId = `messenger:${PAGE}:${PSID}`;
    await recordInbound(fixture.store, [metaMessage('messenger', 'mid.1', '可以刷卡嗎', clock - HOUR)], clock);
    await handler.apply(reply(conversationId, 'mutation-1', '可以刷卡喔'), AGENT);
    const echo = (mid: string, text: string): InboundItem => ({
      ...metaMessage('messenger', mid, text, clock),
      eventType: 'echo',
      message: null,
      window: null,
      echo: { platformMessageId: mid, text },
    });
    const result = await recordInbound(fixture.store, [echo('m_sent_1', '可以刷卡喔'), echo('m_from_suite', '店長：今天出貨')], clock);
    const sent = result.appended.filter((event) => event.type === 'message.sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ payload: { text: '店長：今天出貨', agentName: 'Messenger', delivery: 'sent_free' } });
    expect(result.appended.some((event) => event.type === 'message.received')).toBe(false);
  });

  it('delivers web chat replies directly and free, with no window and no push', async () => {
    const { handler } = handlerWith(recordingMetaSender().sender);
    const key = { channel: 'webchat' as const, accountId: 'web', customerId: 'visitor-42' };
    const conversationId = conversationIdFor(key);
    const result = await recordInbound(
      fixture.store,
      [
        {
          channel: 'webchat',
          dedupeKey: 'webchat:visitor-42:c1',
          eventType: 'message',
          occurredAt: clock,
          conversation: { ...key, id: conversationId, placeholderName: '網站訪客', profileKey: null },
          upsertConversation: true,
          message: { messageId: 'wc-1', kind: 'text', text: '想問團購' },
          echo: null,
          window: { kind: 'customer_message' },
          channelEvent: null,
        },
      ],
      clock,
    );
    expect(result.appended.map((event) => event.type)).toEqual(['conversation.upserted', 'message.received']);
    expect(result.conversationsWithNewWindow).toEqual([conversationId]);
    clock += 30 * DAY;
    expect(await handler.apply(reply(conversationId, 'mutation-wc'), AGENT)).toMatchObject({ ok: true, delivery: 'sent_free' });
  });

  it('fails a Meta reply an interrupted relay left sending as meta_unconfirmed, never resent', async () => {
    const conversationId = `messenger:${PAGE}:${PSID}`;
    await recordInbound(fixture.store, [metaMessage('messenger', 'mid.1', '有貨嗎', clock)], clock);
    const begun = await fixture.store.beginReplySend({
      mutationId: 'mutation-died',
      messageId: 'msg-died',
      conversationId,
      text: '有喔',
      agentName: 'Amy',
      now: clock,
      pushConsent: false,
      newRetryKey: 'retry-died',
      rules: [],
    });
    expect(begun.kind).toBe('send');
    const failed = await fixture.store.failUnconfirmedSends({ staleBefore: clock + 1, now: clock + 1, reason: 'line_unconfirmed' });
    expect(failed.map((event) => event.payload)).toEqual([expect.objectContaining({ messageId: 'msg-died', delivery: 'failed', reason: 'meta_unconfirmed' })]);
    expect(await fixture.store.getMutation('mutation-died')).toMatchObject({ state: 'done', answer: { delivery: 'failed', reason: 'meta_unconfirmed' } });
  });

  it('caches a refused profile lookup without renaming the conversation', async () => {
    await recordInbound(fixture.store, [metaMessage('messenger', 'mid.1', 'hi', clock)], clock);
    const conversationId = `messenger:${PAGE}:${PSID}`;
    const base = { channel: 'messenger' as const, profileKey: PSID, pictureUrl: null, statusMessage: null, language: null };
    expect(await fixture.store.applyProfile({ ...base, displayName: '', fetchedAt: clock, failed: true }, conversationId)).toEqual([]);
    expect(await fixture.store.getProfile('messenger', PSID)).toMatchObject({ failed: true, fetchedAt: clock });
    expect(await fixture.store.getConversation(conversationId)).toMatchObject({ channel: 'messenger', accountId: PAGE, displayName: 'messenger 客人' });
    const named = await fixture.store.applyProfile({ ...base, displayName: '林小美', fetchedAt: clock + 1, failed: false }, conversationId);
    expect(named).toMatchObject([{ type: 'conversation.upserted', payload: { channel: 'messenger', displayName: '林小美' } }]);
  });
});
