import { describe, expect, it } from 'vitest';
import type { MetaGraphClient, MetaSendResult, SendTextInput } from '../../../../src/relay/channels/meta/graph-client';
import { createMetaChannelHealth } from '../../../../src/relay/channels/meta/meta-health';
import { createMetaSender, type MetaSendBatch } from '../../../../src/relay/channels/meta/sender';
import { silentLogger } from '../../../../src/relay/logger';

type Answer = MetaSendResult | ((input: SendTextInput) => MetaSendResult);

function scriptedClient(answers: Answer[]) {
  const calls: SendTextInput[] = [];
  const client: MetaGraphClient = {
    async sendText(input) {
      calls.push(input);
      const next = answers.shift();
      if (!next) throw new Error('no scripted answer left');
      return typeof next === 'function' ? next(input) : next;
    },
    sendAttachment: () => Promise.reject(new Error('not used')),
    senderAction: () => Promise.reject(new Error('not used')),
    profile: () => Promise.reject(new Error('not used')),
  };
  return { client, calls };
}

const sent = (mid: string): MetaSendResult => ({ kind: 'sent', recipientId: 'PSID', messageId: mid, attempts: 1 });
const refusal = (kind: 'outside_window' | 'person_unavailable' | 'rate_limited' | 'token_invalid' | 'invalid_parameter' | 'rejected', code: number, subcode: number | null = null): MetaSendResult => ({
  kind,
  status: 400,
  code,
  subcode,
  type: 'OAuthException',
  message: `(#${code}) refused`,
  fbtraceId: 'trace',
  attempts: kind === 'rate_limited' ? 3 : 1,
});
const unknownOutcome: MetaSendResult = { kind: 'unknown_outcome', detail: 'Meta answered 503', attempts: 1 };

function batch(texts: string[], claim: MetaSendBatch['claim'] = { kind: 'messaging_window', messagingType: 'RESPONSE' }): MetaSendBatch {
  return { conversationId: 'messenger:PAGE:PSID', recipientId: 'PSID', claim, items: texts.map((text, i) => ({ messageId: `msg_${i}`, text })) };
}

function senderWith(answers: Answer[], clientPresent = true) {
  const scripted = scriptedClient(answers);
  const health = createMetaChannelHealth({ webhookConfigured: true, sendingConfigured: true, now: () => 42 });
  const sender = createMetaSender({ client: clientPresent ? scripted.client : null, health, logger: silentLogger });
  return { sender, health, calls: scripted.calls };
}

describe('Meta sender', () => {
  it('sends each message of a RESPONSE claim in order to the recipient, reporting sent_free with Meta’s message id', async () => {
    const { sender, calls } = senderWith([sent('m_1'), sent('m_2')]);
    expect(await sender.sendBatch(batch(['第一則', '第二則']))).toEqual([
      { delivery: 'sent_free', reason: null, platformMessageId: 'm_1' },
      { delivery: 'sent_free', reason: null, platformMessageId: 'm_2' },
    ]);
    expect(calls).toEqual([
      { recipientId: 'PSID', text: '第一則', messagingType: 'RESPONSE' },
      { recipientId: 'PSID', text: '第二則', messagingType: 'RESPONSE' },
    ]);
  });

  it('uses MESSAGE_TAG + HUMAN_AGENT when the claim says so', async () => {
    const { sender, calls } = senderWith([sent('m_1')]);
    await sender.sendBatch(batch(['hi'], { kind: 'messaging_window', messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }));
    expect(calls).toEqual([{ recipientId: 'PSID', text: 'hi', messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' }]);
  });

  it('holds the message and the rest on (#10) 2018278 without trying them', async () => {
    const { sender, calls } = senderWith([sent('m_1'), refusal('outside_window', 10, 2018278)]);
    expect(await sender.sendBatch(batch(['a', 'b', 'c']))).toEqual([
      { delivery: 'sent_free', reason: null, platformMessageId: 'm_1' },
      { delivery: 'held', reason: 'meta_outside_window', platformMessageId: null },
      { delivery: 'held', reason: 'meta_outside_window', platformMessageId: null },
    ]);
    expect(calls).toHaveLength(2);
  });

  it('fails every message with "person unavailable" on 551, and holds them when still rate limited after the retries', async () => {
    const unavailable = senderWith([refusal('person_unavailable', 551)]);
    expect(await unavailable.sender.sendBatch(batch(['a', 'b']))).toEqual([
      { delivery: 'failed', reason: 'meta_person_unavailable', platformMessageId: null },
      { delivery: 'failed', reason: 'meta_person_unavailable', platformMessageId: null },
    ]);
    const limited = senderWith([refusal('rate_limited', 613)]);
    expect((await limited.sender.sendBatch(batch(['a', 'b']))).map((o) => [o.delivery, o.reason])).toEqual([
      ['held', 'meta_rate_limited'],
      ['held', 'meta_rate_limited'],
    ]);
  });

  it('fails on (#190) and flags that the channel needs a new token until a call works again', async () => {
    const { sender, health, calls } = senderWith([refusal('token_invalid', 190), sent('m_ok')]);
    expect(await sender.sendBatch(batch(['a', 'b']))).toEqual([
      { delivery: 'failed', reason: 'meta_token_invalid', platformMessageId: null },
      { delivery: 'failed', reason: 'meta_token_invalid', platformMessageId: null },
    ]);
    expect(calls).toHaveLength(1);
    expect(health.report()).toMatchObject({ needsNewToken: true, tokenRefusedAt: 42 });
    await sender.sendBatch(batch(['c']));
    expect(health.report()).toMatchObject({ needsNewToken: false, tokenRefusedAt: null });
  });

  it('never resends on an unknown outcome: that message fails "unconfirmed", the later ones wait held', async () => {
    const { sender, calls } = senderWith([unknownOutcome]);
    expect(await sender.sendBatch(batch(['a', 'b']))).toEqual([
      { delivery: 'failed', reason: 'meta_unconfirmed', platformMessageId: null },
      { delivery: 'held', reason: 'meta_held_after_unconfirmed', platformMessageId: null },
    ]);
    expect(calls).toHaveLength(1);
  });

  it('fails only the refused message on another refusal and sends the next', async () => {
    const { sender } = senderWith([refusal('invalid_parameter', 100), sent('m_2')]);
    expect(await sender.sendBatch(batch(['a', 'b']))).toEqual([
      { delivery: 'failed', reason: 'meta_refused:100:(#100) refused', platformMessageId: null },
      { delivery: 'sent_free', reason: null, platformMessageId: 'm_2' },
    ]);
  });

  it('fails everything with meta_not_configured without a page token, and refuses a claim that is not a messaging window', async () => {
    const unconfigured = senderWith([], false);
    expect(await unconfigured.sender.sendBatch(batch(['a']))).toEqual([{ delivery: 'failed', reason: 'meta_not_configured', platformMessageId: null }]);
    const wrongClaim = senderWith([]);
    const outcomes = await wrongClaim.sender.sendBatch(batch(['a'], { kind: 'reply_token', token: 'line-token' }));
    expect(outcomes).toEqual([{ delivery: 'failed', reason: expect.stringMatching(/^meta_refused:0:not a messaging window claim/), platformMessageId: null }]);
    expect(wrongClaim.calls).toHaveLength(0);
  });
});
