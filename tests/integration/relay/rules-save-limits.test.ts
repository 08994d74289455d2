import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MutationAck } from '../../../src/shared/protocol';
import { RULES_LIMITS } from '../../../src/shared/suggestions/rules-schema';
import { RULES_VERSIONS_KEPT } from '../../../src/relay/store/sqlite-rules';
import { queryTestStore } from '../../support/relay-backend';
import { startRelayHarness, type AgentConnection, type RelayHarness } from './harness';

/** 1,000 rules that fill one socket.io frame (~1 MB): the largest save that can reach the relay. */
function rulesAtTheCap() {
  return Array.from({ length: RULES_LIMITS.rules }, (_, index) => ({
    id: `rule-${index}`,
    title: `規則 ${index}`,
    keywords: Array.from({ length: 8 }, (_, k) => `關鍵字${index}-${k}`),
    examples: Array.from({ length: 4 }, (_, k) => `請問第${index}項第${k}個問題怎麼辦`),
    reply: `您好，第${index}項的回覆：${'謝謝您的詢問，'.repeat(22)}`,
  }));
}

describe('rules.save limits on the relay', () => {
  let h: RelayHarness;
  let agent: AgentConnection;
  beforeAll(async () => {
    h = await startRelayHarness();
    agent = h.connectLead(0);
    await agent.hello;
  });
  afterAll(() => h.close());

  const save = (rules: unknown[], baseVersion: number) =>
    agent.mutate<MutationAck>({ id: randomUUID(), type: 'rules.save', payload: { rules, baseVersion } });

  it('refuses 1,001 rules and a reply over 5,000 characters, naming the rule and the field', async () => {
    const rules = rulesAtTheCap().slice(0, 3);
    const tooMany = await save([...rulesAtTheCap(), rules[0]], 0);
    expect(tooMany).toMatchObject({ ok: false, code: 'INVALID_MUTATION' });
    const longReply = await save([rules[0], { ...rules[1], reply: 'a'.repeat(5001) }], 0);
    expect(longReply).toMatchObject({ ok: false, code: 'INVALID_MUTATION' });
    expect(!longReply.ok && longReply.message).toContain('rules[1].reply (rule "rule-1"): reply must have at most 5,000 characters');
    expect(await h.relay.store.latestRulesVersion()).toBe(0);
  });

  it('saves 1,000 rules (printing how long the event loop waited) and keeps only the newest versions', async () => {
    const rules = rulesAtTheCap();
    expect(Buffer.byteLength(JSON.stringify(rules))).toBeGreaterThan(750_000);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const answer = await save(rules, 0);
    delay.disable();
    expect(answer).toEqual({ ok: true, version: 1 });
    const blockedMs = delay.max / 1e6;
    console.info(`rules.save of ${rules.length} rules (${Buffer.byteLength(JSON.stringify(rules))} bytes): event loop blocked at most ${blockedMs.toFixed(0)} ms`);

    const small = rules.slice(0, 2);
    for (let version = 2; version <= RULES_VERSIONS_KEPT + 5; version += 1) expect(await save(small, version - 1)).toEqual({ ok: true, version });
    expect((await h.relay.store.latestRules())?.version).toBe(RULES_VERSIONS_KEPT + 5);
    expect(await queryTestStore(h.dataDir, 'SELECT COUNT(*) AS n, MIN(version) AS oldest FROM rules_versions')).toEqual([{ n: RULES_VERSIONS_KEPT, oldest: 6 }]);
  }, 60_000);
});
