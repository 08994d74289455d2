import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mapLineEvents } from '../../../src/relay/channels/line/event-mapper';
import { createInboundQueue } from '../../../src/relay/http/inbound-queue';
import type { InboundBody } from '../../../src/relay/store/relay-store';
import { textMessageEvent } from '../../../src/demo/fake-line';
import type { RelayStore } from '../../../src/relay/store/relay-store';
import { openTempStore, type TempStore } from './store-fixture';

const user = (n: number) => `U${n.toString(16).padStart(32, '0')}`;

function body(n: number, receivedAt = 1_000): InboundBody {
  const event = textMessageEvent({ userId: user(n), text: `訊息 ${n}`, replyToken: `tok-${n}`, timestamp: 100 + n, webhookEventId: `wh-${n}` });
  return { items: mapLineEvents([event]), receivedAt };
}

/** Passes every webhook check but fails inside the store, after its first rows were written (occurredAt must be whole ms). */
function failingBody(n: number): InboundBody {
  const good = body(n);
  return { ...good, items: good.items.map((item) => ({ ...item, occurredAt: 100.5 })) };
}

const storedTexts = async (store: RelayStore) =>
  (await store.readEvents(0, 1000)).flatMap((event) => (event.type === 'message.received' ? [event.payload.text] : []));

describe('group commit of inbound bodies (LINE webhooks here)', () => {
  let fixture: TempStore;
  beforeEach(async () => {
    fixture = await openTempStore();
  });
  afterEach(() => fixture.dispose());

  it('keeps the other bodies of a group when one fails half-way, and stores nothing of the failed one', async () => {
    const outcomes = await fixture.store.recordInbound([body(1), failingBody(2), body(3)]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    expect(await storedTexts(fixture.store)).toEqual(['訊息 1', '訊息 3']);
    expect(await fixture.store.getConversation(`line:${user(2)}`)).toBeNull();
    // Gap-free seq across the group, and the failed body's webhook id was not marked seen: its redelivery is stored.
    expect((await fixture.store.readEvents(0, 1000)).map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    const redelivered = await fixture.store.recordInbound([body(2), body(1)]);
    expect(redelivered.map((outcome) => outcome.ok && outcome.result.duplicates)).toEqual([0, 1]);
    expect(await storedTexts(fixture.store)).toEqual(['訊息 1', '訊息 3', '訊息 2']);
  });

  it('writes every body submitted in the same turn in one group and answers each with its own result', async () => {
    const group = vi.spyOn(fixture.store, 'recordInbound');
    const queue = createInboundQueue(fixture.store);
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((n) => queue.submit(body(n))));
    expect(group).toHaveBeenCalledTimes(1);
    expect(group.mock.calls[0]?.[0]).toHaveLength(5);
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.result.appended.map((event) => event.seq) : null))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
      [10, 11, 12],
      [13, 14, 15],
    ]);
  });

  it('announces a committed group once, with the head after all of it', async () => {
    const heads: number[] = [];
    fixture.store.onEventsAppended((head) => heads.push(head));
    const queue = createInboundQueue(fixture.store);
    await Promise.all([queue.submit(body(1)), queue.submit(failingBody(2)), queue.submit(body(3))]);
    expect(heads).toEqual([6]);
  });

  it('falls back to one transaction per body when the group cannot commit, so only the bad body fails', async () => {
    const groupFailures: unknown[] = [];
    vi.spyOn(fixture.store, 'recordInbound').mockImplementationOnce(async () => {
      throw new Error('SQLITE_BUSY: database is locked');
    });
    const queue = createInboundQueue(fixture.store, (error) => groupFailures.push(error));
    const outcomes = await Promise.all([queue.submit(body(1)), queue.submit(failingBody(2)), queue.submit(body(3))]);
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true]);
    expect(groupFailures).toHaveLength(1);
    expect(await storedTexts(fixture.store)).toEqual(['訊息 1', '訊息 3']);
  });

  it('answers a lone body with a transaction of its own', async () => {
    const record = vi.spyOn(fixture.store, 'recordInbound');
    const queue = createInboundQueue(fixture.store);
    const outcome = await queue.submit(body(7));
    expect(outcome.ok).toBe(true);
    expect(record).toHaveBeenCalledTimes(1);
    expect(record.mock.calls[0]?.[0]).toHaveLength(1);
    expect(await storedTexts(fixture.store)).toEqual(['訊息 7']);
  });
});
