import { describe, expect, it } from 'vitest';
import type { MetaActionResult, MetaGraphClient, MetaSenderAction } from '../../../../src/relay/channels/meta/graph-client';
import { createMetaChannelHealth } from '../../../../src/relay/channels/meta/meta-health';
import { createMetaSenderActions, type MetaConversationTarget } from '../../../../src/relay/channels/meta/sender-actions';
import { silentLogger } from '../../../../src/relay/logger';

const HOUR = 60 * 60 * 1000;

function setup(targets: Record<string, MetaConversationTarget>, answer: MetaActionResult = { kind: 'done', recipientId: 'x', attempts: 1 }) {
  let now = 10_000_000_000;
  const actions: [string, MetaSenderAction][] = [];
  const client: MetaGraphClient = {
    sendText: () => Promise.reject(new Error('not used')),
    sendAttachment: () => Promise.reject(new Error('not used')),
    profile: () => Promise.reject(new Error('not used')),
    async senderAction(recipientId, action) {
      actions.push([recipientId, action]);
      return answer;
    },
  };
  const health = createMetaChannelHealth({ webhookConfigured: true, sendingConfigured: true, now: () => now });
  const senderActions = createMetaSenderActions({
    client,
    health,
    now: () => now,
    logger: silentLogger,
    targetOf: async (id) => targets[id] ?? null,
  });
  return { senderActions, actions, health, advance: (ms: number) => (now += ms), now: () => now };
}

describe('Meta sender actions', () => {
  it('marks seen inside the 24 h window only, and not for unknown conversations', async () => {
    const s = setup({});
    const t = s.now();
    const open = setup({ c: { recipientId: 'PSID', lastCustomerMessageAt: t - 23 * HOUR } });
    expect(await open.senderActions.markSeen('c')).toBe(true);
    expect(open.actions).toEqual([['PSID', 'mark_seen']]);
    const closed = setup({ c: { recipientId: 'PSID', lastCustomerMessageAt: t - 25 * HOUR }, never: { recipientId: 'P2', lastCustomerMessageAt: null } });
    expect(await closed.senderActions.markSeen('c')).toBe(false);
    expect(await closed.senderActions.markSeen('never')).toBe(false);
    expect(await s.senderActions.markSeen('unknown')).toBe(false);
    expect(closed.actions).toEqual([]);
  });

  it('shows typing_on at most once per 20 s per conversation while agents keep typing', async () => {
    const s = setup({ c: { recipientId: 'IGSID', lastCustomerMessageAt: 10_000_000_000 - HOUR } });
    s.senderActions.agentTyping('c');
    s.senderActions.agentTyping('c');
    await s.senderActions.whenIdle();
    expect(s.actions).toEqual([['IGSID', 'typing_on']]);
    s.advance(20_000);
    s.senderActions.agentTyping('c');
    await s.senderActions.whenIdle();
    expect(s.actions).toHaveLength(2);
  });

  it('flags a refused page token and never throws', async () => {
    const s = setup(
      { c: { recipientId: 'PSID', lastCustomerMessageAt: 10_000_000_000 } },
      { kind: 'token_invalid', status: 401, code: 190, subcode: null, type: 'OAuthException', message: 'bad token', fbtraceId: null, attempts: 1 },
    );
    expect(await s.senderActions.markSeen('c')).toBe(false);
    expect(s.health.report().needsNewToken).toBe(true);
  });
});
