import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, followEvent, postLineWebhook } from '../../../src/demo/fake-line';
import { waitFor } from '../../support/processes';
import { CHANNEL_SECRET, eventsOfType, startRelayHarness, type AgentConnection, type RelayHarness } from './harness';

/**
 * The shop's optional welcome: a lead's setting, sent by the relay free with a follow's own reply token, once per
 * follow, never while an agent types there and never as a push. Real relay, fake LINE, agent sockets.
 */

const WELCOME = '歡迎加入小日子！輸入「訂單」查詢出貨進度，客服時間每天 10:00–22:00。';

let h: RelayHarness;
let lead: AgentConnection;
beforeEach(async () => {
  h = await startRelayHarness();
  lead = h.connectLead(0);
  await lead.hello;
});
afterEach(() => h.close());

async function post(events: object[]): Promise<void> {
  expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, events))).status).toBe(200);
}

const repliesTo = (token: string) => h.fakeLine.replies().filter((request) => (request.body as { replyToken: string }).replyToken === token);

async function saveSettings(welcome: { text: string } | null | undefined, baseVersion: number) {
  const settings = { heldReplyAlertMinutes: 30, autoAssign: 'off', ...(welcome === undefined ? {} : { welcome }) };
  return lead.mutate({ id: randomUUID(), type: 'settings.save', payload: { settings, baseVersion } });
}

/** A follow that is welcomed: once its reply arrived, every follow posted before it has been decided. */
async function welcomedFollow(): Promise<void> {
  const token = h.fakeLine.issueReplyToken();
  await post([followEvent({ userId: fakeLineUserId(), replyToken: token })]);
  await waitFor(() => repliesTo(token).length === 1 || undefined, { what: 'the marker follow welcomed' });
}

describe('the welcome on follow', () => {
  it('goes out free with the follow’s own token, once, when a lead turned it on', async () => {
    const before = h.fakeLine.issueReplyToken();
    await post([followEvent({ userId: fakeLineUserId(), replyToken: before })]);

    const agent = h.connect(0);
    await agent.hello;
    expect(await agent.mutate({ id: randomUUID(), type: 'settings.save', payload: { settings: { heldReplyAlertMinutes: 30, autoAssign: 'off', welcome: { text: 'x' } }, baseVersion: 0 } })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await saveSettings({ text: WELCOME }, 0)).toMatchObject({ ok: true, version: 1 });

    const newFriend = fakeLineUserId();
    const token = h.fakeLine.issueReplyToken();
    const follow = followEvent({ userId: newFriend, replyToken: token });
    await post([follow]);
    await waitFor(() => repliesTo(token).length === 1 || undefined, { what: 'the welcome sent with the follow’s token' });
    const request = repliesTo(token)[0]!;
    expect(request.status).toBe(200);
    expect(request.body).toEqual({ replyToken: token, messages: [{ type: 'text', text: WELCOME }] });

    // LINE redelivers the same follow: stored once, welcomed once.
    await post([{ ...follow, deliveryContext: { isRedelivery: true } }]);
    await welcomedFollow();
    expect(repliesTo(token)).toHaveLength(1);
    expect(repliesTo(before)).toHaveLength(0); // the follow before the setting was saved
    expect(h.fakeLine.pushes()).toHaveLength(0);

    const sent = eventsOfType(await h.relay.store.readEvents(0, 1000), 'message.sent').filter((e) => e.conversationId === `line:${newFriend}`);
    expect(sent.map((e) => [e.payload.text, e.payload.agentName, e.payload.auto])).toEqual([[WELCOME, '歡迎訊息', true]]);
  });

  it('is not sent while an agent types there, for a follow whose token is already dead, or once turned off', async () => {
    expect(await saveSettings({ text: WELCOME }, 0)).toMatchObject({ ok: true });
    const agent = h.connect(0);
    await agent.hello;

    // An agent is already typing to this customer (they unblocked while being answered).
    const returning = fakeLineUserId();
    agent.socket.emit('presence', { conversationId: `line:${returning}`, typing: true });
    await agent.mutate({ id: randomUUID(), type: 'rules.save', payload: { rules: 'not rules', baseVersion: 0 } }); // frames are handled in order
    const typingToken = h.fakeLine.issueReplyToken();
    await post([followEvent({ userId: returning, replyToken: typingToken, isUnblocked: true })]);

    // A follow redelivered two minutes late: its token is dead, so nothing is sent (and never pushed).
    const lateToken = h.fakeLine.issueReplyToken();
    await post([followEvent({ userId: fakeLineUserId(), replyToken: lateToken, timestamp: h.clock.now() - 120_000 })]);
    await welcomedFollow();
    expect(repliesTo(typingToken)).toHaveLength(0);
    expect(repliesTo(lateToken)).toHaveLength(0);

    // An app that does not know the welcome saves the other settings: the welcome stays on.
    expect(await saveSettings(undefined, 1)).toMatchObject({ ok: true, version: 2 });
    expect((await h.relay.store.latestInboxSettings())?.settings.welcome).toEqual({ text: WELCOME });
    await welcomedFollow();

    // Turned off: follows get nothing.
    expect(await saveSettings(null, 2)).toMatchObject({ ok: true, version: 3 });
    const offToken = h.fakeLine.issueReplyToken();
    await post([followEvent({ userId: fakeLineUserId(), replyToken: offToken })]);
    expect(await saveSettings({ text: WELCOME }, 3)).toMatchObject({ ok: true });
    await welcomedFollow();
    expect(repliesTo(offToken)).toHaveLength(0);
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });

  it('refuses an empty welcome and one longer than LINE takes (counted in UTF-16 units)', async () => {
    for (const text of ['   ', '😀'.repeat(2501)]) {
      expect(await saveSettings({ text }, 0)).toMatchObject({ ok: false, code: 'INVALID_MUTATION' });
    }
    expect(await saveSettings({ text: '😀'.repeat(2500) }, 0)).toMatchObject({ ok: true });
  });
});
