import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_SETTINGS } from '../../../src/shared/catalog/catalog-schema';
import { hashAgentToken } from '../../../src/relay/auth/agent-tokens';
import { connectAgent, connectError, startRelayHarness, type AgentConnection, type RelayHarness } from './harness';

/**
 * Roles on the relay's socket: an agent token is refused FORBIDDEN for every lead-only change — replacing the
 * catalog (and the shop settings in it), saving the reply rules, the inbox settings, creating and revoking
 * tokens — and for the lead's reads (team report, token list); nothing of it is stored. A lead's token does all
 * of it, and a token a lead creates over the socket works at once.
 */
const RULES = [{ id: 'hours', title: '營業時間', keywords: ['營業時間'], examples: [], reply: '每天 10:00–22:00' }];

describe('lead-only mutations and requests on the relay socket', () => {
  let h: RelayHarness;
  let agent: AgentConnection;
  let lead: AgentConnection;

  const send = (connection: AgentConnection, type: string, payload: unknown) =>
    connection.socket.timeout(10_000).emitWithAck('mutate', { id: randomUUID(), type, payload }) as Promise<Record<string, unknown>>;
  const request = (connection: AgentConnection, type: string, payload: unknown = {}) =>
    connection.socket.timeout(10_000).emitWithAck('request', { type, payload }) as Promise<Record<string, unknown>>;
  const LEAD_ONLY: Array<[string, unknown]> = [
    ['catalog.save', { catalog: { products: [{ sku: 'TS-001', name: '純棉T', price: 590 }], settings: DEFAULT_SHOP_SETTINGS }, baseVersion: 0 }],
    ['rules.save', { rules: RULES, baseVersion: 0 }],
    ['settings.save', { settings: { heldReplyAlertMinutes: 15, autoAssign: 'round_robin' }, baseVersion: 0 }],
    ['token.create', { name: '新人', role: 'lead' }],
    ['token.revoke', { name: 'Amy' }],
  ];

  beforeEach(async () => {
    h = await startRelayHarness();
    agent = h.connect();
    lead = h.connectLead();
    await Promise.all([agent.hello, lead.hello]);
  });
  afterEach(() => h.close());

  it('refuses every lead-only mutation and read to an agent token with FORBIDDEN, storing nothing', async () => {
    for (const [type, payload] of LEAD_ONLY) {
      const answer = await send(agent, type, payload);
      expect(answer, type).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(String(answer.message)).toMatch(/^Only a team lead may /);
    }
    for (const type of ['team.report', 'token.list']) {
      const payload = type === 'team.report' ? { from: 0, to: h.clock.now(), timezoneOffsetMinutes: -480 } : {};
      expect(await request(agent, type, payload), type).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await h.relay.store.latestCatalog()).toBeNull();
    expect(await h.relay.store.latestRulesVersion()).toBe(0);
    expect(await h.relay.store.latestInboxSettings()).toBeNull();
    expect((await h.relay.store.listAgentTokens()).map((token) => [token.name, token.role, token.revokedAt])).toEqual([
      ['Amy', 'agent', null],
      ['Amy', 'lead', null],
    ]);
    // The agent is still connected and may do an agent's work (the member list is everyone's).
    expect(await request(agent, 'team.members')).toMatchObject({ ok: true, members: [{ name: 'Amy', role: 'lead', online: true }] });
  });

  it('lets a lead do all of it; a token created over the socket connects, a revoked one is cut off', async () => {
    for (const [type, payload] of LEAD_ONLY.slice(0, 3)) expect(await send(lead, type, payload), type).toMatchObject({ ok: true, version: 1 });
    // Saved by an app that sends no welcome: the relay keeps the (absent) welcome of the version the edit started from.
    expect((await h.relay.store.latestInboxSettings())?.settings).toEqual({ heldReplyAlertMinutes: 15, autoAssign: 'round_robin', welcome: null });

    const created = await send(lead, 'token.create', { name: '小華', role: 'agent' });
    expect(created).toMatchObject({ ok: true, name: '小華', role: 'agent', token: expect.stringMatching(/^sia_/) });
    const token = String(created.token);
    expect((await h.relay.store.findAgentToken(hashAgentToken(token)))?.name).toBe('小華');
    const hua = connectAgent(h.relay.url, token);
    expect((await hua.hello).agent).toEqual({ name: '小華', role: 'agent' });

    // Online once the socket's session row is stored (written as it connects, not before its hello).
    await expect
      .poll(async () => {
        const list = await request(lead, 'token.list');
        return list.ok === true && (list.tokens as Array<{ name: string; online: boolean }>).find((entry) => entry.name === '小華')?.online;
      })
      .toBe(true);

    expect(await send(lead, 'token.revoke', { name: '小華' })).toEqual({ ok: true, name: '小華', revoked: 1 });
    await new Promise<void>((resolve) => hua.socket.once('disconnect', () => resolve()));
    expect(await connectError(h.relay.url, { token, cursor: 0, protocol: 2 })).toBe('unauthorized');
    const report = await request(lead, 'team.report', { from: h.clock.now() - 86_400_000, to: h.clock.now(), timezoneOffsetMinutes: -480 });
    expect(report).toMatchObject({ ok: true, report: { agents: [], heldReplyAlertMinutes: 15 } });
  });

  it('a repeated token.create id gets the stored answer without the token and creates nothing more', async () => {
    const frame = { id: randomUUID(), type: 'token.create', payload: { name: '阿杰', role: 'agent' } };
    const first = (await lead.socket.timeout(10_000).emitWithAck('mutate', frame)) as Record<string, unknown>;
    const again = (await lead.socket.timeout(10_000).emitWithAck('mutate', frame)) as Record<string, unknown>;
    expect(first).toMatchObject({ ok: true, token: expect.stringMatching(/^sia_/) });
    expect(again).toEqual({ ok: true, name: '阿杰', role: 'agent', token: null });
    expect(JSON.stringify(await h.relay.store.getMutation(frame.id))).not.toContain(String(first.token));
    expect((await h.relay.store.listAgentTokens()).filter((token) => token.name === '阿杰')).toHaveLength(1);
  });
});
