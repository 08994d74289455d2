import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FAKE_BOT_USER_ID,
  callbackBody,
  fakeLineGroupId,
  fakeLineUserId,
  followEvent,
  lineMessageEvent,
  locationMessageEvent,
  postLineWebhook,
  postbackEvent,
  richStickerMessageEvent,
  textMessageEvent,
  unfollowEvent,
} from '../../../src/demo/fake-line';
import { waitFor } from '../../support/processes';
import { CHANNEL_SECRET, eventsOfType, startRelayHarness, type RelayHarness } from './harness';

let h: RelayHarness;
beforeEach(async () => {
  h = await startRelayHarness();
});
afterEach(() => h.close());

async function post(events: object[]): Promise<void> {
  expect((await postLineWebhook(h.relay.url, CHANNEL_SECRET, callbackBody(FAKE_BOT_USER_ID, events))).status).toBe(200);
}

describe('LINE events agents must see, and groups', () => {
  it('answers a follow and a postback free, with each event’s own reply token', async () => {
    const agent = h.connect(0);
    await agent.hello;
    const newFriend = fakeLineUserId();
    const followToken = h.fakeLine.issueReplyToken();
    await post([followEvent({ userId: newFriend, replyToken: followToken })]);
    const welcome = await agent.mutate({ id: 'welcome-after-follow', type: 'reply.send', payload: { conversationId: `line:${newFriend}`, text: '歡迎加入小日子！' } });
    expect(welcome).toMatchObject({ ok: true, delivery: 'sent_free' });

    const tapper = fakeLineUserId();
    const tapToken = h.fakeLine.issueReplyToken();
    await post([postbackEvent({ source: { type: 'user', userId: tapper }, data: 'menu=track_order', replyToken: tapToken })]);
    const answer = await agent.mutate({ id: 'answer-to-a-menu-tap', type: 'reply.send', payload: { conversationId: `line:${tapper}`, text: '請提供訂單編號，我們幫您查詢' } });
    expect(answer).toMatchObject({ ok: true, delivery: 'sent_free' });

    const replies = h.fakeLine.replies().filter((request) => request.status === 200);
    expect(replies.map((request) => (request.body as { replyToken: string }).replyToken)).toEqual([followToken, tapToken]);
    expect(h.fakeLine.pushes()).toHaveLength(0);
    const tap = eventsOfType(await h.relay.store.readEvents(0, 1000), 'channel.event').find((e) => e.payload.eventType === 'postback')!;
    expect(tap).toMatchObject({ conversationId: `line:${tapper}`, payload: { details: { postback: { data: 'menu=track_order' } } } });
  });

  it('spends no reply token on a customer who blocked the account: the reply waits for their next follow', async () => {
    const agent = h.connect(0);
    await agent.hello;
    const userId = fakeLineUserId();
    const conversationId = `line:${userId}`;
    const messageToken = h.fakeLine.issueReplyToken();
    await post([textMessageEvent({ userId, text: '我想退貨', replyToken: messageToken })]);
    await post([unfollowEvent({ source: { type: 'user', userId } })]);
    const windows = eventsOfType(await h.relay.store.readEvents(0, 1000), 'conversation.replyWindow').map((e) => e.payload.tokenReceivedAt);
    expect(windows).toHaveLength(2);
    expect(windows[1]).toBeNull(); // the block closed the window the message had opened

    const reply = await agent.mutate({ id: 'reply-after-block', type: 'reply.send', payload: { conversationId, text: '請問訂單編號是？' } });
    expect(reply).toMatchObject({ ok: true, delivery: 'held', reason: 'no_fresh_token' });
    expect(h.fakeLine.replies()).toHaveLength(0);

    const followToken = h.fakeLine.issueReplyToken();
    await post([followEvent({ userId, replyToken: followToken, isUnblocked: true })]);
    await waitFor(() => h.fakeLine.replies().length === 1 || undefined, { what: 'the held reply sent with the follow’s token' });
    expect(h.fakeLine.replies().map((request) => (request.body as { replyToken: string }).replyToken)).toEqual([followToken]);
    expect(h.fakeLine.pushes()).toHaveLength(0);
  });

  it('names a group from its summary and each line’s writer from the member profile', async () => {
    const groupId = fakeLineGroupId();
    const [mei, jun] = [fakeLineUserId(), fakeLineUserId()];
    h.fakeLine.setGroupSummary(groupId, { groupName: '12月團購群', pictureUrl: 'https://profile.line-scdn.net/group.png' });
    h.fakeLine.setMemberProfile(groupId, mei, { displayName: '林美惠' });
    h.fakeLine.setMemberProfile(groupId, jun, { displayName: '王俊傑' });
    const source = (userId: string) => ({ type: 'group' as const, groupId, userId });
    await post([
      lineMessageEvent({ source: source(mei), message: { type: 'text', text: '+1 兩件', quoteToken: 'q1' } }),
      lineMessageEvent({ source: source(jun), message: { type: 'text', text: '我也要 +1', quoteToken: 'q2' } }),
    ]);
    const log = () => h.relay.store.readEvents(0, 1000);
    const members = await waitFor(async () => {
      const named = eventsOfType(await log(), 'conversation.memberUpserted');
      return named.length >= 2 ? named : undefined;
    }, { what: 'both members named' });
    expect(members.map((e) => [e.conversationId, e.payload.memberId, e.payload.displayName]).sort()).toEqual(
      [[`line:${groupId}`, jun, '王俊傑'], [`line:${groupId}`, mei, '林美惠']].sort(),
    );
    const renamed = await waitFor(async () => eventsOfType(await log(), 'conversation.upserted').find((e) => e.payload.displayName === '12月團購群'), { what: 'the group named' });
    expect(renamed.payload).toMatchObject({ friendId: groupId, pictureUrl: 'https://profile.line-scdn.net/group.png' });
    const lines = eventsOfType(await log(), 'message.received');
    expect(lines.map((e) => [e.payload.text, e.payload.senderId])).toEqual([['+1 兩件', mei], ['我也要 +1', jun]]);
  });

  it('asks LINE for a profile it refused (404) once, not again on every webhook', async () => {
    const userId = fakeLineUserId(); // no profile at the fake: LINE answers 404
    const profileCalls = () => h.fakeLine.requests.filter((request) => request.path === `/v2/bot/profile/${userId}`);
    await post([lineMessageEvent({ source: { type: 'user', userId }, message: { type: 'text', text: '在嗎', quoteToken: 'q1' } })]);
    await waitFor(() => profileCalls().length === 1 || undefined, { what: 'the first profile lookup' });
    // The refusal is stored after the lookup answered; the next webhooks find it cached.
    await waitFor(async () => (await h.relay.store.getProfile('line', userId))?.failed === true || undefined, { what: 'the refusal cached' });
    for (const text of ['有人嗎', '請回覆']) {
      await post([lineMessageEvent({ source: { type: 'user', userId }, message: { type: 'text', text, quoteToken: 'q' } })]);
    }
    // A marker: a later customer's profile arrives only after the lookups started before it had their turn.
    const marker = fakeLineUserId();
    h.fakeLine.setProfile(marker, { displayName: '標記' });
    await post([lineMessageEvent({ source: { type: 'user', userId: marker }, message: { type: 'text', text: '你好', quoteToken: 'q' } })]);
    await waitFor(async () => eventsOfType(await h.relay.store.readEvents(0, 1000), 'conversation.upserted').find((e) => e.payload.displayName === '標記'), {
      what: 'the marker named',
    });
    expect(profileCalls()).toHaveLength(1);
    expect(profileCalls()[0]!.status).toBe(404);
  });

  it('carries a message sticker’s text as the message text, and a location’s place', async () => {
    const userId = fakeLineUserId();
    const source = { type: 'user' as const, userId };
    await post([
      richStickerMessageEvent({ source, text: '我要退貨', keywords: ['return'] }),
      locationMessageEvent({ source, title: '7-ELEVEN 南京復興門市', address: '台北市松山區南京東路三段 256 號', latitude: 25.0521, longitude: 121.5440 }),
    ]);
    const received = eventsOfType(await h.relay.store.readEvents(0, 1000), 'message.received');
    expect(received[0]!.payload).toMatchObject({ kind: 'sticker', text: '我要退貨', sticker: { text: '我要退貨', keywords: ['return'] } });
    expect(received[1]!.payload).toMatchObject({ kind: 'location', location: { address: '台北市松山區南京東路三段 256 號', latitude: 25.0521 } });
  });
});
