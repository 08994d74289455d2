import { conversationIdFor } from '../../../src/shared/channels/conversation-id';
import { EMPTY_CATALOG } from '../../../src/shared/catalog/catalog-schema';
import { TAIWAN_2023_PLANS } from '../../../src/shared/billing/plans';
import { mutationSchema, type Mutation } from '../../../src/shared/protocol';
import { mapLineEvents } from '../../../src/relay/channels/line/event-mapper';
import { createAgentToken } from '../../../src/relay/auth/agent-tokens';
import type { InboundItem, RelayStore, WorkflowMutation } from '../../../src/relay/store/relay-store';
import { imageMessageEvent, lineMessageEvent, textMessageEvent } from '../../../src/demo/fake-line';
import { recordInbound } from '../../support/inbound';
import { orderCreateFrame } from '../relay/order-fixtures';

export const FIXTURE_USER = `U${'0'.repeat(29)}c01`;
export const FIXTURE_CONVERSATION = `line:${FIXTURE_USER}`;
/** A second LINE customer, who sends a photo: round-robin gives the conversation to 阿杰 and the photo is downloaded. */
export const FIXTURE_PHOTO_USER = `U${'0'.repeat(29)}c02`;
export const FIXTURE_PHOTO_CONVERSATION = `line:${FIXTURE_PHOTO_USER}`;
export const FIXTURE_UPLOAD_ID = 'upload-fixture-1';
/** A LINE group where a member who never wrote one-to-one is tagged (a person of the group). */
export const FIXTURE_GROUP = `C${'0'.repeat(29)}g01`;
export const FIXTURE_GROUP_MEMBER = `U${'0'.repeat(29)}m01`;
export const FIXTURE_MEMBER_TAG = '團購常客';
/** A web chat visitor's photo sent in a message, and a file they never sent. */
export const FIXTURE_VISITOR = 'w'.repeat(32);
export const FIXTURE_VISITOR_UPLOADS = { sent: { uploadId: 'visitor-upload-1', mediaId: 'w_fixturesent00000000000' }, unsent: { uploadId: 'visitor-upload-2', mediaId: 'w_fixtureunsent000000000' } };
const FIXTURE_MESSAGE_ID = '500000000000000001';
const PAGE = '1029384756';
const PSID = '24681357902468';
/** A week ago: everything the fixture stores is older than what a test does next. */
const T0 = Date.now() - 7 * 24 * 3600_000;
/** A time while the fixture's agent session is live (who is online then). */
export const FIXTURE_SESSION_TIME = T0 + 1_000;

type TagMutation = Extract<Mutation, { type: `tag.${string}` }>;

function messengerMessage(mid: string, text: string, occurredAt: number): InboundItem {
  const key = { channel: 'messenger' as const, accountId: PAGE, customerId: PSID };
  return {
    channel: 'messenger',
    dedupeKey: `messenger:mid:${mid}`,
    eventType: 'message',
    occurredAt,
    conversation: { ...key, id: conversationIdFor(key), placeholderName: 'Messenger 客人', profileKey: PSID },
    upsertConversation: true,
    message: { messageId: mid, kind: 'text', text },
    echo: null,
    window: { kind: 'customer_message' },
    channelEvent: null,
  };
}

/**
 * Fills a relay store through its own operations so that every table its operations write holds rows (what
 * `migrate-to` must carry over): conversations on LINE and Messenger, tokens, replies sent and held, read and typing
 * tokens, tags, rules, the catalog, orders with reminders and a payment, presence, quota, profiles, web chat
 * customers, the team inbox (status, assignment by round-robin, notes, settings, sessions), content (a downloaded
 * photo, an upload, quote tokens) and a learned suggestion. Returns the agent token it created.
 */
export async function fillRelayStore(store: RelayStore): Promise<string> {
  const token = await createAgentToken(store, { name: '小美', role: 'lead' }, T0);
  await recordInbound(
    store,
    mapLineEvents([
      textMessageEvent({ userId: FIXTURE_USER, text: '請問有現貨嗎？', replyToken: 'tok-fixture-1', markAsReadToken: 'read-fixture-1', timestamp: T0, messageId: FIXTURE_MESSAGE_ID }),
    ]),
    T0,
  );
  await recordInbound(store, [messengerMessage('mid.fixture.1', '運費怎麼算', T0)], T0);
  await store.applyProfile(
    { channel: 'line', profileKey: FIXTURE_USER, displayName: '陳小姐', pictureUrl: null, statusMessage: null, language: 'zh-TW', fetchedAt: T0, failed: false },
    FIXTURE_CONVERSATION,
  );
  const reply = (mutationId: string, text: string, now: number) =>
    store.beginReplySend({ mutationId, messageId: `msg-${mutationId}`, conversationId: FIXTURE_CONVERSATION, text, agentName: '小美', now, pushConsent: false, newRetryKey: `retry-${mutationId}`, rules: [] });
  await store.claimTypingIndicator({ conversationId: FIXTURE_CONVERSATION, now: T0 + 500, throttleMs: 1_000 });
  await store.claimMutationId({ id: 'fixture-reply-1', agentName: '小美', type: 'reply.send', payloadHash: 'hash-1', now: T0 });
  const sent = await reply('fixture-reply-1', '有的喔！', T0 + 1_000);
  if (sent.kind !== 'send') throw new Error(`expected a free reply, got ${sent.kind}`);
  await store.settleReplyBatch({ batch: sent.batch, delivery: 'sent_free', reason: null, now: T0 + 1_100, completesMutation: { id: 'fixture-reply-1', messageId: 'msg-fixture-reply-1' } });
  await reply('fixture-reply-2', '還需要什麼嗎？', T0 + 120_000);
  await store.beginMarkRead({ mutationId: 'fixture-read-1', conversationId: FIXTURE_CONVERSATION, agentName: '小美', now: T0 + 2_000 });
  await store.applyTagMutation({
    mutation: mutationSchema.parse({ id: 'fixture-tag-1', type: 'tag.add', payload: { friendId: FIXTURE_USER, tag: 'VIP', clientTime: T0 } }) as TagMutation,
    agentName: '小美',
    now: T0,
  });
  await store.saveRules({
    mutationId: 'fixture-rules-1',
    rules: [{ id: 'shipping-fee', title: '運費', keywords: ['運費'], examples: ['運費怎麼算？'], reply: '滿 NT$1,200 免運喔！' }],
    baseVersion: 0,
    agentName: '小美',
    now: T0,
  });
  await store.saveCatalog({
    mutationId: 'fixture-catalog-1',
    catalog: { ...EMPTY_CATALOG, settings: { ...EMPTY_CATALOG.settings, reminders: { delaysMinutes: [1], whenNoFreeReply: 'hold' } } },
    baseVersion: 0,
    agentName: '小美',
    now: T0,
  });
  for (const orderId of ['ord_fixture_paid', 'ord_fixture_open']) {
    const frame = mutationSchema.parse(orderCreateFrame(FIXTURE_CONVERSATION, { id: orderId, sendSummary: true }));
    if (frame.type !== 'order.create') throw new Error('not an order.create');
    await store.beginOrderCreate({ mutationId: orderId, payload: frame.payload, summaryMessageId: `msg-summary-${orderId}`, agentName: '小美', now: T0 + 200_000, newRetryKey: `retry-${orderId}`, rules: [] });
  }
  const paid = await store.getOrder('ord_fixture_paid');
  if (!paid) throw new Error('order missing');
  await store.recordPaymentNotification({ transactionId: 'txn_fixture_1', orderNo: paid.orderNo, amount: paid.totals.total, rawBody: '{"paid":true}', now: T0 + 250_000 });
  await store.queueDueReminders({ now: T0 + 300_000, rules: [], newId: (() => { let n = 0; return () => `fixture-${(n += 1)}`; })() });
  await store.setPresence({ tokenHash: 'fixture-token-hash', agentName: '小美', conversationId: FIXTURE_CONVERSATION, typing: true, now: T0, ttlMs: 5_000 });
  await store.recordQuotaPoll({ type: 'limited', limit: 200, used: 3, polledAt: T0 }, TAIWAN_2023_PLANS[0]!);
  await store.webchat.ensureVisitorCustomer('v'.repeat(32), T0);
  await store.webchat.ensureIdentifiedCustomer({ shopUserId: 'shop-user-1', name: '林先生', email: 'lin@example.com', now: T0 });
  await fillTeamInboxAndContent(store);
  await fillGroupMembersAndVisitorUploads(store);
  return token;
}

/**
 * The team inbox, content and learning tables: an online agent and round-robin, a photo downloaded and stored, an
 * upload, a status, a customer note and a learned suggestion.
 */
async function fillTeamInboxAndContent(store: RelayStore): Promise<void> {
  await createAgentToken(store, { name: '阿杰', role: 'agent' }, T0);
  await store.touchAgentSession({ sessionId: 'fixture-session-1', agentName: '阿杰', role: 'agent', now: T0, ttlMs: 60_000 });
  await store.saveInboxSettings({ mutationId: 'fixture-settings-1', settings: { heldReplyAlertMinutes: 30, autoAssign: 'round_robin' }, baseVersion: 0, agentName: '小美', now: T0 });
  await recordInbound(store, mapLineEvents([imageMessageEvent({ source: { type: 'user', userId: FIXTURE_PHOTO_USER }, timestamp: T0 + 10_000 })]), T0 + 10_000);
  const job = await store.claimMediaDownload({ now: T0 + 20_000, leaseMs: 60_000, owner: 'fixture-downloader' });
  if (!job) throw new Error('the photo was not queued');
  await store.finishMediaDownload({
    mediaId: job.mediaId,
    leaseOwner: 'fixture-downloader',
    outcome: { kind: 'stored', contentType: 'image/png', size: 1234, previewContentType: null, maxTotalBytes: 10_000_000 },
    now: T0 + 21_000,
  });
  await store.recordUpload({
    uploadId: FIXTURE_UPLOAD_ID,
    publicId: 'public-fixture-1',
    agentName: '小美',
    kind: 'image',
    contentType: 'image/jpeg',
    size: 2048,
    fileName: 'size-chart.jpg',
    previewContentType: 'image/jpeg',
    createdAt: T0,
  });
  const lead = { name: '小美', role: 'lead' as const };
  const workflow = (id: string, type: WorkflowMutation['type'], payload: Record<string, unknown>) =>
    store.applyWorkflowMutation({ mutation: mutationSchema.parse({ id, type, payload }) as WorkflowMutation, agent: lead, now: T0 + 30_000 });
  await workflow('fixture-status-1', 'conversation.setStatus', { conversationId: FIXTURE_CONVERSATION, status: 'pending' });
  await workflow('fixture-note-1', 'customer.setNote', { friendId: FIXTURE_USER, text: '偏好 7-11 取貨' });
  await store.recordSuggestionFeedback({
    mutationId: 'fixture-feedback-1',
    agentName: '小美',
    payload: { conversationId: FIXTURE_CONVERSATION, messageId: FIXTURE_MESSAGE_ID, ruleId: 'shipping-fee', verdict: 'accepted', clientTime: T0 },
    now: T0 + 40_000,
  });
}

/** A LINE group's member (recorded from their message) with a tag of their own, and a web chat visitor's uploads. */
async function fillGroupMembersAndVisitorUploads(store: RelayStore): Promise<void> {
  await recordInbound(
    store,
    mapLineEvents([lineMessageEvent({ source: { type: 'group', groupId: FIXTURE_GROUP, userId: FIXTURE_GROUP_MEMBER }, message: { type: 'text', text: '+1 兩盒' }, timestamp: T0 + 50_000 })]),
    T0 + 50_000,
  );
  await store.applyTagMutation({
    mutation: mutationSchema.parse({ id: 'fixture-tag-member', type: 'tag.add', payload: { friendId: FIXTURE_GROUP_MEMBER, tag: FIXTURE_MEMBER_TAG, clientTime: T0 } }) as TagMutation,
    agentName: '小美',
    now: T0 + 51_000,
  });
  const limits = { perVisitor: 10, perAddress: 10, windowMs: 60_000, maxTotalBytes: 10_000_000 };
  for (const { uploadId, mediaId } of Object.values(FIXTURE_VISITOR_UPLOADS)) {
    const record = { uploadId, mediaId, kind: 'image' as const, contentType: 'image/jpeg', size: 4096, fileName: 'photo.jpg', previewContentType: 'image/jpeg', createdAt: T0 + 60_000 };
    await store.webchat.recordVisitorUpload({ visitorId: FIXTURE_VISITOR, address: '203.0.113.7', record, limits });
  }
  const customer = await store.webchat.ensureVisitorCustomer(FIXTURE_VISITOR, T0 + 60_000);
  await store.webchat.attachVisitorUpload({ visitorId: FIXTURE_VISITOR, uploadId: FIXTURE_VISITOR_UPLOADS.sent.uploadId, conversationId: customer.conversationId, messageId: 'wc_fixture_1' });
}
