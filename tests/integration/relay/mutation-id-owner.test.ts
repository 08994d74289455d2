import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationAck, TagMutationAck } from '../../../src/shared/protocol';
import { createAgentToken, revokeAgentTokens } from '../../../src/relay/auth/agent-tokens';
import { fakeLineUserId } from '../../../src/demo/fake-line';
import { connectAgent, type AgentConnection } from './harness';
import { createOrder, customerWrites, orderCreateFrame, smallCart, startOrderScene, type OrderScene } from './order-fixtures';

const tagMutate = (agent: AgentConnection, frame: unknown) => agent.socket.timeout(15_000).emitWithAck('mutate', frame) as Promise<TagMutationAck>;

/** A mutation id belongs to the agent (by name) that sent it first, with the type and payload it carried. */
describe('mutation ids are owned by (agent name, id)', () => {
  let scene: OrderScene;
  let ben: AgentConnection;
  beforeAll(async () => {
    scene = await startOrderScene('想買T恤');
    ben = connectAgent(scene.h.relay.url, await createAgentToken(scene.h.relay.store, { name: 'Ben', role: 'agent' }));
    await ben.hello;
  });
  afterAll(async () => {
    ben.close();
    await scene.h.close();
  });

  it('refuses another agent reusing an id (no stored answer, no second effect) and this agent reusing it for another payload', async () => {
    const { agent: amy, conversationId } = scene;
    const id = randomUUID();
    const frame = { id, type: 'reply.send', payload: { conversationId, text: '在的，請問要什麼尺寸？' } };
    const first = await amy.mutate(frame);
    expect(first.ok).toBe(true);
    const repliesBefore = scene.h.fakeLine.replies().length;

    const stolen = await ben.mutate(frame);
    expect(stolen).toMatchObject({ ok: false, code: 'ID_REUSED' });
    expect(JSON.stringify(stolen)).not.toContain(first.ok ? first.messageId : 'never');
    expect(JSON.stringify(stolen)).not.toContain('Amy');

    const changed = await amy.mutate({ ...frame, payload: { conversationId, text: '改過的文字' } });
    expect(changed).toMatchObject({ ok: false, code: 'ID_REUSED' });
    const otherType = await amy.mutate({ id, type: 'conversation.markRead', payload: { conversationId } });
    expect(otherType).toMatchObject({ ok: false, code: 'ID_REUSED' });

    // Same agent, same id, same payload: the stored answer, as before.
    expect(await amy.mutate(frame)).toEqual(first);
    expect(scene.h.fakeLine.replies()).toHaveLength(repliesBefore);
  });

  it('never lets another agent read or overwrite an order through its id (the order id is the mutation id)', async () => {
    const { agent: amy, conversationId } = scene;
    const frame = orderCreateFrame(conversationId, { sendSummary: false });
    const created = await createOrder(amy, frame);

    const stolen = await ben.mutate<MutationAck>(orderCreateFrame(conversationId, { id: frame.id, cart: smallCart(), sendSummary: false }));
    expect(stolen).toMatchObject({ ok: false, code: 'ID_REUSED' });
    expect(JSON.stringify(stolen)).not.toContain(created.orderNo);
    const replayed = await ben.mutate<MutationAck>(frame);
    expect(replayed).toMatchObject({ ok: false, code: 'ID_REUSED' });

    const order = await scene.h.relay.store.getOrder(frame.id);
    expect(order).toMatchObject({ orderNo: created.orderNo, agentName: 'Amy', totals: created.totals });
    expect(await amy.mutate<MutationAck>(frame)).toEqual(created);
  });

  it('refuses another agent reusing a tag add-id, and ids in the relay’s own auto: range', async () => {
    const userId = fakeLineUserId();
    await customerWrites(scene.h.relay.url, scene.h.fakeLine, userId, '你好');
    const id = randomUUID();
    const add = { id, type: 'tag.add', payload: { friendId: userId, tag: 'VIP', clientTime: 1 } };
    expect(await tagMutate(scene.agent, add)).toMatchObject({ ok: true, changed: true });
    expect(await tagMutate(ben, { ...add, payload: { ...add.payload, tag: '黑名單' } })).toMatchObject({ ok: false, code: 'ID_REUSED' });
    expect(await scene.h.relay.store.friendTagNames(userId)).toEqual(['VIP']);

    const reserved = await ben.mutate({ id: 'auto:123456789', type: 'reply.send', payload: { conversationId: scene.conversationId, text: 'x' } });
    expect(reserved).toMatchObject({ ok: false, code: 'INVALID_MUTATION' });
  });

  it('answers a token re-issued under the same name with the stored answers (an offline outbox sent again)', async () => {
    const { conversationId, h } = scene;
    const carol = await createAgentToken(h.relay.store, { name: 'Carol', role: 'agent' });
    const before = connectAgent(h.relay.url, carol);
    await before.hello;
    const frame = { id: randomUUID(), type: 'reply.send', payload: { conversationId, text: '稍等我查一下' } };
    const first = await before.mutate(frame);
    before.close();

    revokeAgentTokens(h.relay.store, 'Carol');
    const after = connectAgent(h.relay.url, await createAgentToken(h.relay.store, { name: 'Carol', role: 'agent' }));
    await after.hello;
    const messagesBefore = (await h.relay.store.readEvents(0, 10_000)).filter((event) => event.type === 'message.sent').length;
    expect(await after.mutate(frame)).toEqual(first);
    expect((await h.relay.store.readEvents(0, 10_000)).filter((event) => event.type === 'message.sent')).toHaveLength(messagesBefore);
    after.close();
  });
});
