import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TagMutationAck } from '../../../src/shared/protocol';
import { fakeLineUserId } from '../../../src/demo/fake-line';
import { customerWrites } from './order-fixtures';
import { createAgentToken } from '../../../src/relay/auth/agent-tokens';
import { connectAgent, startRelayHarness, type AgentConnection, type RelayHarness } from './harness';

/** `tag.add {friendId, tag}` as the tags work was specified: clientTime is optional on every tag mutation. */
describe('tag mutations without clientTime', () => {
  let h: RelayHarness;
  let agent: AgentConnection;
  beforeAll(async () => {
    h = await startRelayHarness();
    agent = h.connect(0);
    await agent.hello;
  });
  afterAll(() => h.close());
  const mutate = (type: string, payload: Record<string, unknown>) =>
    agent.socket.timeout(15_000).emitWithAck('mutate', { id: randomUUID(), type, payload }) as Promise<TagMutationAck>;

  it('accepts tag.add {friendId, tag}, records the relay time, still accepts clientTime, and still caps at 10', async () => {
    const friendId = fakeLineUserId();
    await customerWrites(h.relay.url, h.fakeLine, friendId, '你好');
    const before = h.clock.now();
    expect(await mutate('tag.add', { friendId, tag: 'VIP' })).toEqual({ ok: true, tag: 'VIP', changed: true });
    const added = (await h.relay.store.readEvents(0, 10_000)).find((event) => event.type === 'tag.added');
    expect(added?.type === 'tag.added' && added.payload.clientTime).toBeGreaterThanOrEqual(before);

    // An old client's frame with clientTime.
    expect(await mutate('tag.add', { friendId, tag: '老客戶', clientTime: 1_700_000_000_000 })).toMatchObject({ ok: true, changed: true });
    for (let n = 3; n <= 10; n += 1) expect(await mutate('tag.add', { friendId, tag: `標籤${n}` })).toMatchObject({ ok: true });
    expect(await mutate('tag.add', { friendId, tag: '第十一個' })).toMatchObject({ ok: false, code: 'TAG_LIMIT' });
    expect(await mutate('tag.remove', { friendId, tag: '標籤10' })).toMatchObject({ ok: true, changed: true });
  });

  it('accepts rename, merge and delete without clientTime (a lead)', async () => {
    const lead = connectAgent(h.relay.url, await createAgentToken(h.relay.store, { name: 'Lea', role: 'lead' }));
    await lead.hello;
    const leadMutate = (type: string, payload: Record<string, unknown>) =>
      lead.socket.timeout(15_000).emitWithAck('mutate', { id: randomUUID(), type, payload }) as Promise<TagMutationAck>;
    expect(await leadMutate('tag.rename', { from: '標籤3', to: '標籤三' })).toMatchObject({ ok: true, changed: true });
    expect(await leadMutate('tag.merge', { source: '標籤4', target: '標籤三' })).toMatchObject({ ok: true });
    expect(await leadMutate('tag.delete', { tag: '標籤5' })).toMatchObject({ ok: true, changed: true });
    lead.close();
  });
});
