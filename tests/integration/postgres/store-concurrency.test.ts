import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_CATALOG } from '../../../src/shared/catalog/catalog-schema';
import { mutationSchema, type Mutation, type NewRelayEvent } from '../../../src/shared/protocol';
import { MAX_TAGS_PER_FRIEND } from '../../../src/shared/tags/tag-cap';
import { mapLineEvents } from '../../../src/relay/channels/line/event-mapper';
import type { RelayStore } from '../../../src/relay/store/relay-store';
import { textMessageEvent } from '../../../src/demo/fake-line';
import { recordInbound } from '../../support/inbound';
import { orderCreateFrame } from '../relay/order-fixtures';
import { openStorePair } from './store-pair';

/**
 * Two stores on one PostgreSQL schema, each with its own connection pool — what two relay processes are to the
 * database — doing the same things at the same moment. Every guarantee SQLite's single writer gave must hold.
 */
const USER = 'U00000000000000000000000000000a1';
const CONVERSATION = `line:${USER}`;
const NOW = 1_800_000_000_000;

const channelEvent = (label: string): NewRelayEvent => ({
  type: 'channel.event',
  occurredAt: NOW,
  payload: { channel: 'line', eventType: 'unfollow', summary: label },
});

type TagMutation = Extract<Mutation, { type: `tag.${string}` }>;

/** order.create as the wire schema delivers it, without a summary: only the order, its number and reminders. */
function createOrder(store: RelayStore, orderId: string) {
  const parsed = mutationSchema.parse(orderCreateFrame(CONVERSATION, { id: orderId, sendSummary: false }));
  if (parsed.type !== 'order.create') throw new Error('not an order.create');
  return store.beginOrderCreate({
    mutationId: orderId,
    payload: parsed.payload,
    summaryMessageId: `msg-summary-${orderId}`,
    agentName: 'Amy',
    now: NOW,
    newRetryKey: `retry-${orderId}`,
    rules: [],
  });
}

describe('two relay processes on one PostgreSQL schema', () => {
  let a: RelayStore;
  let b: RelayStore;
  beforeEach(async () => {
    [a, b] = await openStorePair();
    await recordInbound(a, mapLineEvents([textMessageEvent({ userId: USER, text: '在嗎', replyToken: 'tok-first', timestamp: NOW })]), NOW);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it('commits events in seq order: a reader never sees a seq before a lower one has committed', async () => {
    const start = await a.headSeq();
    let writing = true;
    const seenGaps: string[] = [];
    let cursor = start;
    // A reader following the log by cursor while both write: every page it gets must start right after its cursor.
    const reader = (async () => {
      while (writing || cursor < (await a.headSeq())) {
        const page = await b.readEvents(cursor, 500);
        page.forEach((event, index) => {
          if (event.seq !== cursor + index + 1) seenGaps.push(`after ${cursor}: ${page.map((e) => e.seq).join(',')}`);
        });
        cursor = page.at(-1)?.seq ?? cursor;
      }
    })();
    const writer = (store: RelayStore, name: string) =>
      Promise.all(Array.from({ length: 8 }, async (_, lane) => {
        for (let i = 0; i < 25; i += 1) await store.appendEvents([channelEvent(`${name}-${lane}-${i}`), channelEvent(`${name}-${lane}-${i}b`)]);
      }));
    await Promise.all([writer(a, 'a'), writer(b, 'b')]);
    writing = false;
    await reader;
    expect(seenGaps).toEqual([]);
    const all = await a.readEvents(start, 10_000);
    expect(all).toHaveLength(800);
    expect(all.map((event) => event.seq)).toEqual(Array.from({ length: 800 }, (_, index) => start + index + 1));
    // Each transaction's two events are adjacent: a transaction's events are never interleaved with another's.
    for (let index = 0; index < all.length; index += 2) {
      const [first, second] = [all[index]!, all[index + 1]!];
      expect(second.type === 'channel.event' && first.type === 'channel.event' && second.payload.summary).toBe(`${first.type === 'channel.event' ? first.payload.summary : ''}b`);
    }
  });

  it('hands the fresh reply token to exactly one of many replies racing through both stores', async () => {
    const replies = Array.from({ length: 12 }, (_, index) => (index % 2 === 0 ? a : b).beginReplySend({
      mutationId: `race-${index}`,
      messageId: `msg-race-${index}`,
      conversationId: CONVERSATION,
      text: `回覆 ${index}`,
      agentName: 'Amy',
      now: NOW + 1_000,
      pushConsent: false,
      newRetryKey: `retry-${index}`,
      rules: [],
    }));
    const results = await Promise.all(replies);
    const sends = results.filter((result) => result.kind === 'send');
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ batch: { claim: { kind: 'reply_token', token: 'tok-first' } } });
    expect(results.filter((result) => result.kind === 'answered' && result.answer.ok && 'delivery' in result.answer && result.answer.delivery === 'held')).toHaveLength(11);
  });

  it('applies one mutation id once whichever store it reaches, and answers both with the same answer', async () => {
    const input = (store: RelayStore) =>
      store.beginReplySend({
        mutationId: 'same-id',
        messageId: 'msg-same-id',
        conversationId: CONVERSATION,
        text: '同一則',
        agentName: 'Amy',
        now: NOW + 1_000,
        pushConsent: false,
        newRetryKey: 'retry-same',
        rules: [],
      });
    const [first, second] = await Promise.all([input(a), input(b)]);
    expect([first.kind, second.kind].sort()).toEqual(['repeat', 'send']);
    const claims = await Promise.all(
      [a, b, a, b].map((store) => store.claimMutationId({ id: 'claimed-id', agentName: 'Amy', type: 'reply.send', payloadHash: 'h1', now: NOW })),
    );
    expect(claims.map((claim) => claim.kind).sort()).toEqual(['claimed', 'repeat', 'repeat', 'repeat']);
    expect(await b.claimMutationId({ id: 'claimed-id', agentName: 'Ben', type: 'reply.send', payloadHash: 'h1', now: NOW })).toMatchObject({ kind: 'reused' });
  });

  it('keeps the tag cap when twenty different tags are added to one friend through both stores at once', async () => {
    const add = (store: RelayStore, index: number) =>
      store.applyTagMutation({
        mutation: mutationSchema.parse({ id: `tag-add-${index}`, type: 'tag.add', payload: { friendId: USER, tag: `標籤${index}`, clientTime: 1 } }) as TagMutation,
        agentName: 'Amy',
        now: NOW,
      });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => add(index % 2 === 0 ? a : b, index)));
    expect(answers.filter((answer) => answer.ok)).toHaveLength(MAX_TAGS_PER_FRIEND);
    expect(answers.filter((answer) => !answer.ok && answer.code === 'TAG_LIMIT')).toHaveLength(20 - MAX_TAGS_PER_FRIEND);
    expect(await b.friendTagNames(USER)).toHaveLength(MAX_TAGS_PER_FRIEND);
  });

  it('add wins over a concurrent remove that had not seen it, across stores', async () => {
    const tag = (store: RelayStore, id: string, type: 'tag.add' | 'tag.remove', observedAddIds?: string[]) =>
      store.applyTagMutation({
        mutation: mutationSchema.parse({ id, type, payload: { friendId: USER, tag: 'VIP', clientTime: 1, ...(observedAddIds ? { observedAddIds } : {}) } }) as TagMutation,
        agentName: 'Amy',
        now: NOW,
      });
    await tag(a, 'vip-add-1', 'tag.add');
    // B removes what it saw (vip-add-1) while A adds again (vip-add-2): whichever commits first, the re-add survives.
    await Promise.all([tag(a, 'vip-add-2', 'tag.add'), tag(b, 'vip-remove-1', 'tag.remove', ['vip-add-1'])]);
    expect(await a.friendTagNames(USER)).toEqual(['VIP']);
  });

  it('numbers orders created through both stores at once without a gap or a repeat', async () => {
    const results = await Promise.all(Array.from({ length: 16 }, (_, index) => createOrder(index % 2 === 0 ? a : b, `ord_concurrent_${index}`)));
    const numbers = results.map((result) => (result.kind === 'answered' && result.answer.ok && 'orderNo' in result.answer ? result.answer.orderNo : null));
    expect(numbers.every((number) => number !== null)).toBe(true);
    const sequence = numbers.map((number) => Number((number as string).slice(-3))).sort((x, y) => x - y);
    expect(sequence).toEqual(Array.from({ length: 16 }, (_, index) => index + 1));
  });

  it('queues each due payment reminder once when both stores sweep at the same moment', async () => {
    await a.saveCatalog({
      mutationId: null,
      catalog: { ...EMPTY_CATALOG, settings: { ...EMPTY_CATALOG.settings, reminders: { delaysMinutes: [1], whenNoFreeReply: 'hold' } } },
      baseVersion: 0,
      agentName: 'Amy',
      now: NOW,
    });
    for (let index = 0; index < 6; index += 1) {
      await createOrder(a, `ord_remind_${index}`);
    }
    let id = 0;
    const sweep = (store: RelayStore) => store.queueDueReminders({ now: NOW + 120_000, rules: [], newId: () => `id-${(id += 1)}-${Math.random()}` });
    const results = await Promise.all([sweep(a), sweep(b), sweep(a), sweep(b)]);
    expect(results.reduce((sum, result) => sum + result.queued, 0)).toBe(6);
    const queued = (await a.readEvents(0, 10_000)).filter((event) => event.type === 'order.reminderQueued');
    expect(queued).toHaveLength(6);
  });
});
