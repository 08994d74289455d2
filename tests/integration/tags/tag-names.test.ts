import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tagMutationAckSchema, type TagMutationAck } from '../../../src/shared/protocol';
import { createAgentToken } from '../../../src/relay/auth/agent-tokens';
import { mapLineEvents } from '../../../src/relay/channels/line/event-mapper';
import { textMessageEvent } from '../../../src/demo/fake-line';
import { tempDir } from '../../unit/core/support/core-harness';
import { connectAgent, startRelayHarness, type AgentConnection, type RelayHarness } from '../relay/harness';
import { TagClient } from './tag-client';
import { recordInbound } from '../../support/inbound';

const FRIEND = 'U0000000000000000000000000000f002';
const CYRILLIC_VIP = 'V\u0406\u0420'; // Latin V, Cyrillic І and Р

describe('tag names on the relay: one tag per visible name', () => {
  let harness: RelayHarness;
  let agent: AgentConnection;
  let lead: AgentConnection;

  const send = async (connection: AgentConnection, type: string, payload: Record<string, unknown>): Promise<TagMutationAck> =>
    tagMutationAckSchema.parse(
      await connection.socket.timeout(10_000).emitWithAck('mutate', { id: randomUUID(), type, payload: { clientTime: 1_700_000_000_000, ...payload } }),
    );
  const storedTags = async () => await harness.relay.store.segmentMembers({ tags: ['VIP'], mode: 'or' });

  beforeEach(async () => {
    harness = await startRelayHarness();
    await recordInbound(harness.relay.store, mapLineEvents([textMessageEvent({ userId: FRIEND, text: '我要訂 VIP 方案', timestamp: 5 })]), 10);
    agent = harness.connect();
    lead = connectAgent(harness.relay.url, await createAgentToken(harness.relay.store, { name: '店長', role: 'lead' }));
    await Promise.all([agent.hello, lead.hello]);
  });
  afterEach(async () => {
    lead.close();
    await harness.close();
  });

  it('stores "VIP", "V\\u200BIP" and "ＶＩＰ" as the same tag, echoing the stored name in answers and events', async () => {
    expect(await send(agent, 'tag.add', { friendId: FRIEND, tag: 'VIP' })).toEqual({ ok: true, tag: 'VIP', changed: true });
    expect(await send(agent, 'tag.add', { friendId: FRIEND, tag: 'V\u200bIP' })).toEqual({ ok: true, tag: 'VIP', changed: false });
    expect(await send(agent, 'tag.add', { friendId: FRIEND, tag: 'ＶＩＰ' })).toEqual({ ok: true, tag: 'VIP', changed: false });
    expect(await send(agent, 'tag.add', { friendId: FRIEND, tag: '\u202eVIP\u2069 ' })).toEqual({ ok: true, tag: 'VIP', changed: false });
    expect(await harness.relay.store.friendTagNames(FRIEND)).toEqual(['VIP']);
    expect(await storedTags()).toMatchObject([{ friendId: FRIEND, tags: ['VIP'] }]);
    await expect.poll(() => agent.events.filter((event) => event.type === 'tag.added').length).toBe(4);
    for (const event of agent.events.filter((event) => event.type === 'tag.added')) expect(event.payload).toMatchObject({ tag: 'VIP' });
  });

  it('refuses a Cyrillic look-alike of an existing tag with TAG_LOOKALIKE, storing and sending nothing', async () => {
    await send(agent, 'tag.add', { friendId: FRIEND, tag: 'VIP' });
    const refused = await send(agent, 'tag.add', { friendId: FRIEND, tag: CYRILLIC_VIP });
    expect(refused).toMatchObject({ ok: false, code: 'TAG_LOOKALIKE' });
    if (!refused.ok) expect(refused.message).toContain('"VIP"');
    expect(await send(lead, 'tag.add', { friendId: FRIEND, tag: '退貨中' })).toMatchObject({ ok: true });
    expect(await send(lead, 'tag.rename', { from: '退貨中', to: 'vір' })).toMatchObject({ ok: false, code: 'TAG_LOOKALIKE' });
    expect(await harness.relay.store.friendTagNames(FRIEND)).toEqual(['VIP', '退貨中']);
    await expect.poll(() => lead.events.filter((event) => event.type.startsWith('tag.')).length).toBe(2);
  });

  it('accepts names that mix Han with Latin, digits or Bopomofo', async () => {
    await send(agent, 'tag.add', { friendId: FRIEND, tag: 'VIP' });
    for (const tag of ['VIP客戶', '7-11取貨', '尺寸M', 'ㄅㄆㄇ']) {
      expect(await send(agent, 'tag.add', { friendId: FRIEND, tag })).toEqual({ ok: true, tag, changed: true });
    }
  });
});

describe('tag names on the desktop core', () => {
  it('shows the normalised name at once and refuses a look-alike of a synced shop tag before it is queued', async () => {
    const harness = await startRelayHarness();
    const dir = tempDir('tag-names-');
    const client = new TagClient('desk', dir.path, harness.relay, harness.agentToken);
    try {
      await recordInbound(harness.relay.store, mapLineEvents([textMessageEvent({ userId: FRIEND, text: '你好', timestamp: 5 })]), 10);
      await client.sync();
      expect(client.change('tag.add', FRIEND, 'Ｖ\u200bＩＰ')).toEqual({ ok: true, tag: 'VIP' });
      expect(client.tagsOf(FRIEND)).toEqual(['VIP']);
      await client.sync();
      expect(await harness.relay.store.friendTagNames(FRIEND)).toEqual(['VIP']);
      const refused = client.change('tag.add', FRIEND, CYRILLIC_VIP);
      expect(refused).toMatchObject({ ok: false, code: 'TAG_LOOKALIKE' });
      expect(client.addIds).toHaveLength(1);
      expect(client.tagsOf(FRIEND)).toEqual(['VIP']);
    } finally {
      client.close();
      await harness.close();
      dir.remove();
    }
  });
});
