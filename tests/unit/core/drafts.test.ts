import { afterEach, describe, expect, it } from 'vitest';
import { upsertConversation } from '../../../src/main/core/store/conversations';
import { LocalStoreHandle } from '../../../src/main/core/store/store-handle';
import { startCore, tempDir, type CoreHarness } from './support/core-harness';

describe('composer drafts in the local store', () => {
  const dirs: Array<ReturnType<typeof tempDir>> = [];
  const harnesses: CoreHarness[] = [];
  afterEach(async () => {
    for (const harness of harnesses.splice(0)) await harness.close();
    for (const dir of dirs.splice(0)) dir.remove();
  });

  function seededDir(): string {
    const dir = tempDir();
    dirs.push(dir);
    const store = new LocalStoreHandle(dir.path);
    upsertConversation(store.current(), { id: 'line:Ua', channel: 'line', friendId: 'Ua', displayName: '林小姐', pictureUrl: null }, 0);
    upsertConversation(store.current(), { id: 'line:Ub', channel: 'line', friendId: 'Ub', displayName: '陳先生', pictureUrl: null }, 0);
    store.close();
    return dir.path;
  }

  async function open(dataDir: string): Promise<CoreHarness> {
    const harness = await startCore({ dataDir, now: () => 1_700_000_000_000 });
    harnesses.push(harness);
    return harness;
  }

  it('keeps a draft per conversation across a core restart, and reply:send clears only that one', async () => {
    const dataDir = seededDir();
    const first = await open(dataDir);
    expect(await first.core.handle('drafts:get', { conversationId: 'line:Ua' })).toEqual({ text: '', updatedAt: null });
    await first.core.handle('drafts:save', { conversationId: 'line:Ua', text: '您好，M 號明天補貨' });
    await first.core.handle('drafts:save', { conversationId: 'line:Ub', text: '運費滿千免運' });
    await first.core.close();
    harnesses.splice(harnesses.indexOf(first), 1);

    const second = await open(dataDir);
    expect(await second.core.handle('drafts:get', { conversationId: 'line:Ua' })).toEqual({ text: '您好，M 號明天補貨', updatedAt: 1_700_000_000_000 });
    const sent = await second.core.handle('reply:send', { conversationId: 'line:Ua', text: '您好，M 號明天補貨' });
    expect(sent.ok).toBe(true);
    expect(await second.core.handle('drafts:get', { conversationId: 'line:Ua' })).toEqual({ text: '', updatedAt: null });
    expect((await second.core.handle('drafts:get', { conversationId: 'line:Ub' })).text).toBe('運費滿千免運');

    // A refused reply (too long) leaves the draft where it was.
    await second.core.handle('drafts:save', { conversationId: 'line:Ub', text: 'x'.repeat(6_000) });
    expect((await second.core.handle('reply:send', { conversationId: 'line:Ub', text: 'x'.repeat(6_000) })).ok).toBe(false);
    expect((await second.core.handle('drafts:get', { conversationId: 'line:Ub' })).text).toHaveLength(6_000);
  });

  it('an empty draft removes it; an oversized one is refused with a clear error', async () => {
    const harness = await open(seededDir());
    await harness.core.handle('drafts:save', { conversationId: 'line:Ua', text: '稍等' });
    await harness.core.handle('drafts:save', { conversationId: 'line:Ua', text: '' });
    expect(await harness.core.handle('drafts:get', { conversationId: 'line:Ua' })).toEqual({ text: '', updatedAt: null });
    await expect(harness.core.handle('drafts:save', { conversationId: 'line:Ua', text: 'x'.repeat(20_001) })).rejects.toThrow(/Invalid input for drafts:save/);
  });
});
