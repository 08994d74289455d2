import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutboxFlusher } from '../../../src/main/core/outbox/outbox-flusher';
import { enqueueReply } from '../../../src/main/core/outbox/enqueue-reply';
import { LocalStoreHandle } from '../../../src/main/core/store/store-handle';
import { upsertConversation } from '../../../src/main/core/store/conversations';
import { getMessage } from '../../../src/main/core/store/messages';
import { getOutboxItem, listOutbox, markOutboxSending } from '../../../src/main/core/store/outbox';
import { silentLog } from '../../../src/main/core/log';
import { backoffDelayMs, OUTBOX_BACKOFF } from '../../../src/main/core/backoff';
import type { Mutation, MutationAck } from '../../../src/shared/protocol';
import { tempDir } from './support/core-harness';

type Answer = MutationAck | Error;

let dir: ReturnType<typeof tempDir>;
let store: LocalStoreHandle;
let sent: Mutation[];
let answers: Answer[];
let online: boolean;
let flusher: OutboxFlusher;

function startFlusher(random = () => 0.5): OutboxFlusher {
  return new OutboxFlusher({
    db: () => store.current(),
    send: async (mutation) => {
      sent.push(mutation);
      const answer = answers.shift() ?? { ok: true, messageId: `srv-${mutation.id}`, delivery: 'sent_free', reason: null };
      if (answer instanceof Error) throw answer;
      return answer;
    },
    isOnline: () => online,
    now: () => Date.now(),
    log: silentLog,
    onChange: () => undefined,
    random,
  });
}

function reply(conversationId: string, text: string): string {
  const result = enqueueReply(store.current(), { conversationId, text }, () => Date.now());
  if (!result.ok) throw new Error(result.message);
  return result.messageId;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(1_700_000_000_000);
  dir = tempDir();
  store = new LocalStoreHandle(dir.path);
  for (const id of ['line:Ua', 'line:Ub']) {
    upsertConversation(store.current(), { id, channel: 'line', friendId: id, displayName: id, pictureUrl: null }, 0);
  }
  sent = [];
  answers = [];
  online = true;
  flusher = startFlusher();
});

afterEach(async () => {
  flusher.stop();
  await flusher.idle();
  store.close();
  dir.remove();
  vi.useRealTimers();
});

describe('reply:send validation', () => {
  it('refuses empty, over-long and unknown-conversation replies and queues nothing', () => {
    const db = store.current();
    expect(enqueueReply(db, { conversationId: 'line:Ua', text: '   ' }, Date.now)).toMatchObject({ ok: false, code: 'INVALID_REPLY' });
    expect(enqueueReply(db, { conversationId: 'line:Ua', text: '好'.repeat(5001) }, Date.now)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/5,000/),
    });
    expect(enqueueReply(db, { conversationId: 'line:nobody', text: '在嗎' }, Date.now)).toMatchObject({
      ok: false,
      code: 'UNKNOWN_CONVERSATION',
    });
    expect(listOutbox(db)).toHaveLength(0);
    expect(enqueueReply(db, { conversationId: 'line:Ua', text: '好'.repeat(5000) }, Date.now).ok).toBe(true);
  });

  it("counts a LINE reply's length in UTF-16 code units (an emoji is 2): 2,600 emoji are refused, 2,500 accepted", () => {
    const db = store.current();
    const refused = enqueueReply(db, { conversationId: 'line:Ua', text: '😀'.repeat(2600) }, Date.now);
    expect(refused).toEqual({
      ok: false,
      code: 'TEXT_TOO_LONG',
      message: 'LINE text messages are at most 5,000 UTF-16 code units (an emoji counts 2); this one is 5,200',
    });
    expect(listOutbox(db)).toHaveLength(0);
    expect(enqueueReply(db, { conversationId: 'line:Ua', text: '😀'.repeat(2500) }, Date.now).ok).toBe(true);
    expect(enqueueReply(db, { conversationId: 'line:Ub', text: 'a'.repeat(5000) }, Date.now).ok).toBe(true);
    expect(listOutbox(db)).toHaveLength(2);
  });

  it("uses the conversation's channel: web chat counts characters, so 2,600 emoji fit there", () => {
    const db = store.current();
    upsertConversation(db, { id: 'webchat:v1', channel: 'webchat', friendId: 'v1', displayName: 'v1', pictureUrl: null }, 0);
    expect(enqueueReply(db, { conversationId: 'webchat:v1', text: '😀'.repeat(2600) }, Date.now).ok).toBe(true);
    expect(enqueueReply(db, { conversationId: 'webchat:v1', text: '好'.repeat(5001) }, Date.now)).toMatchObject({ ok: false, code: 'TEXT_TOO_LONG' });
  });

  it('writes the optimistic message and the outbox row together', () => {
    const id = reply('line:Ua', '有的，M號還有貨');
    expect(getMessage(store.current(), id)).toMatchObject({ direction: 'out', delivery: 'queued', mutation_id: id, text: '有的，M號還有貨' });
    expect(getOutboxItem(store.current(), id)).toMatchObject({ state: 'queued', type: 'reply.send', conversation_id: 'line:Ua' });
  });
});

describe('outbox flusher', () => {
  it('sends queued replies in creation order and settles them from the ack', async () => {
    const first = reply('line:Ua', '第一則');
    vi.advanceTimersByTime(1);
    const second = reply('line:Ub', '第二則');
    vi.advanceTimersByTime(1);
    const third = reply('line:Ua', '第三則');
    answers.push({ ok: true, messageId: 's1', delivery: 'held', reason: 'Free reply window closed' });
    flusher.kick();
    await vi.waitFor(() => expect(listOutbox(store.current())).toHaveLength(0));
    expect(sent.map((m) => m.id)).toEqual([first, second, third]);
    expect(sent[0]).toEqual({ id: first, type: 'reply.send', payload: { conversationId: 'line:Ua', text: '第一則' } });
    expect(getMessage(store.current(), first)).toMatchObject({ server_id: 's1', delivery: 'held', delivery_reason: 'Free reply window closed' });
    expect(getMessage(store.current(), third)).toMatchObject({ delivery: 'sent_free' });
  });

  it('does nothing while offline and sends once back online', async () => {
    online = false;
    const id = reply('line:Ua', '離線時寫的');
    flusher.kick();
    await flusher.idle();
    expect(sent).toHaveLength(0);
    online = true;
    flusher.kick();
    await vi.waitFor(() => expect(getOutboxItem(store.current(), id)).toBeNull());
    expect(sent).toHaveLength(1);
  });

  it('retries timeouts and INTERNAL with exponential backoff, reusing the same id', async () => {
    const id = reply('line:Ua', '重試');
    answers.push(new Error('The relay did not answer within 10 s'), { ok: false, code: 'INTERNAL', message: 'db busy' });
    flusher.kick();
    await flusher.idle();
    expect(getOutboxItem(store.current(), id)).toMatchObject({ state: 'queued', attempts: 1 });
    expect(getMessage(store.current(), id)?.delivery).toBe('queued');
    const firstDelay = backoffDelayMs(OUTBOX_BACKOFF, 1, () => 0.5);
    expect(getOutboxItem(store.current(), id)?.next_attempt_at).toBe(Date.now() + firstDelay);

    await vi.advanceTimersByTimeAsync(firstDelay - 1);
    await flusher.idle();
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await flusher.idle();
    expect(sent).toHaveLength(2);
    expect(getOutboxItem(store.current(), id)).toMatchObject({ state: 'queued', attempts: 2, last_error: 'INTERNAL: db busy' });

    const secondDelay = backoffDelayMs(OUTBOX_BACKOFF, 2, () => 0.5);
    expect(secondDelay).toBe(2 * firstDelay);
    await vi.advanceTimersByTimeAsync(secondDelay - 1);
    await flusher.idle();
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await flusher.idle();
    expect(getOutboxItem(store.current(), id)).toBeNull();
    expect(sent.map((m) => m.id)).toEqual([id, id, id]);
    expect(getMessage(store.current(), id)?.delivery).toBe('sent_free');
  });

  it('a permanent error fails the reply with the relay message and lets later replies go', async () => {
    const failing = reply('line:Ua', '給不存在的對話');
    vi.advanceTimersByTime(1);
    const next = reply('line:Ua', '下一則');
    answers.push({ ok: false, code: 'UNKNOWN_CONVERSATION', message: 'No such conversation on the relay' });
    flusher.kick();
    await vi.waitFor(() => expect(getOutboxItem(store.current(), next)).toBeNull());
    expect(getOutboxItem(store.current(), failing)).toMatchObject({ state: 'failed', last_error: 'No such conversation on the relay' });
    expect(getMessage(store.current(), failing)).toMatchObject({ delivery: 'failed', delivery_reason: 'No such conversation on the relay' });
    expect(sent.map((m) => m.id)).toEqual([failing, next]);
  });

  it('holds a conversation’s later replies behind one waiting for a retry', async () => {
    const first = reply('line:Ua', 'A1');
    vi.advanceTimersByTime(1);
    const second = reply('line:Ua', 'A2');
    vi.advanceTimersByTime(1);
    const other = reply('line:Ub', 'B1');
    answers.push(new Error('connection dropped'));
    flusher.kick();
    await vi.waitFor(() => expect(getOutboxItem(store.current(), other)).toBeNull());
    expect(sent.map((m) => m.id)).toEqual([first, other]);
    expect(getOutboxItem(store.current(), second)?.state).toBe('queued');
    await vi.advanceTimersByTimeAsync(backoffDelayMs(OUTBOX_BACKOFF, 1, () => 0.5));
    await vi.waitFor(() => expect(listOutbox(store.current())).toHaveLength(0));
    expect(sent.map((m) => m.id)).toEqual([first, other, first, second]);
  });

  it('spreads retry delays with jitter and caps them', () => {
    expect(backoffDelayMs(OUTBOX_BACKOFF, 1, () => 0)).toBe(500);
    expect(backoffDelayMs(OUTBOX_BACKOFF, 1, () => 1)).toBe(1500);
    expect(backoffDelayMs(OUTBOX_BACKOFF, 30, () => 1)).toBe(OUTBOX_BACKOFF.maxMs);
  });
});

describe('outbox across a restart', () => {
  it('rows survive, and an item left sending goes back to queued', () => {
    const id = reply('line:Ua', '重新啟動前寫的');
    markOutboxSending(store.current(), id);
    store.close();
    store = new LocalStoreHandle(dir.path);
    expect(getOutboxItem(store.current(), id)).toMatchObject({ state: 'queued', attempts: 1, next_attempt_at: 0 });
    expect(getMessage(store.current(), id)?.text).toBe('重新啟動前寫的');
  });
});
