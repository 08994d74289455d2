import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueReply } from '../../../src/main/core/outbox/enqueue-reply';
import { listOutboxItems, retryOutboxItem } from '../../../src/main/core/outbox/outbox-items';
import { upsertConversation } from '../../../src/main/core/store/conversations';
import { getMessage } from '../../../src/main/core/store/messages';
import { failOutboxItem, getOutboxItem, requeueOutboxItem } from '../../../src/main/core/store/outbox';
import { LocalStoreHandle } from '../../../src/main/core/store/store-handle';
import { tempDir } from './support/core-harness';

describe('the outbox panel: listing and retrying pending changes', () => {
  let dir: ReturnType<typeof tempDir>;
  let store: LocalStoreHandle;
  const now = () => 1_700_000_000_000;
  beforeEach(() => {
    dir = tempDir();
    store = new LocalStoreHandle(dir.path);
    upsertConversation(store.current(), { id: 'line:Ua', channel: 'line', friendId: 'Ua', displayName: '林小姐', pictureUrl: null }, 0);
  });
  afterEach(() => {
    store.close();
    dir.remove();
  });

  const queue = (text: string): string => {
    const result = enqueueReply(store.current(), { conversationId: 'line:Ua', text }, now);
    if (!result.ok) throw new Error(result.message);
    return result.messageId;
  };

  it('lists every item oldest first with the conversation name, state, error and next attempt', () => {
    const first = queue('好的，幫您保留');
    const second = queue('明天出貨');
    requeueOutboxItem(store.current(), second, 'INTERNAL: database busy', now() + 4_000);
    expect(listOutboxItems(store.current())).toEqual([
      expect.objectContaining({ id: first, conversationName: '林小姐', summary: '好的，幫您保留', state: 'queued', lastError: null, nextAttemptAt: null }),
      expect.objectContaining({ id: second, state: 'queued', lastError: 'INTERNAL: database busy', nextAttemptAt: now() + 4_000 }),
    ]);
  });

  it('retrying a waiting item sends it now under the same id', () => {
    const id = queue('明天出貨');
    requeueOutboxItem(store.current(), id, 'timeout', now() + 30_000);
    expect(retryOutboxItem(store.current(), id, now)).toEqual({ ok: true, id });
    expect(getOutboxItem(store.current(), id)?.next_attempt_at).toBe(0);
  });

  it('retrying a refused reply queues it again under a new id and removes the refused copy', () => {
    const id = queue('這筆訂單已取消');
    failOutboxItem(store.current(), id, 'UNKNOWN_CONVERSATION: no such conversation');
    const result = retryOutboxItem(store.current(), id, now);
    expect(result.ok).toBe(true);
    const newId = result.ok ? result.id : '';
    expect(newId).not.toBe(id);
    expect(getOutboxItem(store.current(), id)).toBeNull();
    expect(getMessage(store.current(), id)).toBeNull();
    expect(getOutboxItem(store.current(), newId)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(getMessage(store.current(), newId)).toMatchObject({ text: '這筆訂單已取消', delivery: 'queued' });
  });

  it('says clearly when there is nothing to retry', () => {
    expect(retryOutboxItem(store.current(), 'gone', now)).toEqual({ ok: false, code: 'NOT_PENDING', message: expect.stringContaining('gone') });
  });
});
