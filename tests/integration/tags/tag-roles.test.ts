import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEGMENT_EXPORT_PATH, tagMutationAckSchema, type TagMutationAck } from '../../../src/shared/protocol';
import { createAgentToken } from '../../../src/relay/auth/agent-tokens';
import { mapLineEvents } from '../../../src/relay/channels/line/event-mapper';
import { textMessageEvent } from '../../../src/demo/fake-line';
import { connectAgent, startRelayHarness, type AgentConnection, type RelayHarness } from '../relay/harness';
import { recordInbound } from '../../support/inbound';

const FRIEND = 'U0000000000000000000000000000f001';

describe('tag roles on the relay', () => {
  let harness: RelayHarness;
  let agent: AgentConnection;
  let lead: AgentConnection;
  let leadToken: string;

  const send = async (connection: AgentConnection, type: string, payload: Record<string, unknown>): Promise<TagMutationAck> =>
    tagMutationAckSchema.parse(
      await connection.socket.timeout(10_000).emitWithAck('mutate', { id: randomUUID(), type, payload: { clientTime: 1_700_000_000_000, ...payload } }),
    );
  const exportCsv = (token: string, body: unknown) =>
    fetch(`${harness.relay.url}${SEGMENT_EXPORT_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeEach(async () => {
    harness = await startRelayHarness();
    await recordInbound(harness.relay.store, mapLineEvents([textMessageEvent({ userId: FRIEND, text: '我要退貨', timestamp: 5 })]), 10);
    leadToken = await createAgentToken(harness.relay.store, { name: '店長', role: 'lead' });
    agent = harness.connect();
    lead = connectAgent(harness.relay.url, leadToken);
    await Promise.all([agent.hello, lead.hello]);
    expect(await send(agent, 'tag.add', { friendId: FRIEND, tag: '退貨中' })).toEqual({ ok: true, tag: '退貨中', changed: true });
    expect(await send(agent, 'tag.add', { friendId: FRIEND, tag: 'VIP' })).toMatchObject({ ok: true });
  });
  afterEach(async () => {
    lead.close();
    await harness.close();
  });

  it('refuses rename, merge, delete and export to an agent token, changing nothing', async () => {
    const forbidden = { ok: false, code: 'FORBIDDEN' };
    expect(await send(agent, 'tag.rename', { from: '退貨中', to: '退貨處理中' })).toMatchObject(forbidden);
    expect(await send(agent, 'tag.merge', { source: '退貨中', target: 'VIP' })).toMatchObject(forbidden);
    expect(await send(agent, 'tag.delete', { tag: 'VIP' })).toMatchObject(forbidden);
    const exported = await exportCsv(harness.agentToken, { tags: ['VIP'], mode: 'or' });
    expect(exported.status).toBe(403);
    expect(await exported.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await exportCsv('sia_not-a-token', { tags: ['VIP'], mode: 'or' })).status).toBe(401);
    expect(await harness.relay.store.friendTagNames(FRIEND)).toEqual(['VIP', '退貨中']);
  });

  it('lets a lead rename, merge, export and delete, with events every client receives', async () => {
    expect(await send(lead, 'tag.rename', { from: '退貨中', to: '退貨處理中' })).toMatchObject({ ok: true, affected: 1 });
    expect(await send(lead, 'tag.merge', { source: '退貨處理中', target: 'vip' })).toMatchObject({ ok: true, tag: 'VIP', affected: 1 });
    expect(await harness.relay.store.friendTagNames(FRIEND)).toEqual(['VIP']);

    const exported = await exportCsv(leadToken, { tags: ['VIP'], mode: 'and' });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await exported.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain(`${FRIEND},`);
    const unknown = await exportCsv(leadToken, { tags: ['不存在'], mode: 'or' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'UNKNOWN_TAG', error: 'The shop has no tag "不存在"' });
    expect((await exportCsv(leadToken, { tags: [], mode: 'or' })).status).toBe(400);

    expect(await send(lead, 'tag.delete', { tag: 'VIP' })).toMatchObject({ ok: true, affected: 1 });
    const expected = ['tag.added', 'tag.added', 'tag.renamed', 'tag.merged', 'tag.deleted'];
    for (const connection of [agent, lead]) {
      await expect.poll(() => connection.events.map((event) => event.type).filter((type) => type.startsWith('tag.'))).toEqual(expected);
    }
    const renamed = agent.events.find((event) => event.type === 'tag.renamed');
    expect(renamed?.payload).toMatchObject({ from: '退貨中', to: '退貨處理中', agentName: '店長', clientTime: 1_700_000_000_000 });
  });
});
