import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticateAgentToken, createAgentToken, hashAgentToken, revokeAgentTokens } from '../../../src/relay/auth/agent-tokens';
import { openTempStore, type TempStore } from './store-fixture';

describe('agent tokens', () => {
  let fixture: TempStore;
  beforeEach(async () => {
    fixture = await openTempStore();
  });
  afterEach(() => fixture.dispose());

  it('creates a prefixed 32-byte base64url token and stores only its SHA-256', async () => {
    const token = await createAgentToken(fixture.store, { name: '示範客服 Demo', role: 'lead' }, 1234);
    expect(token).toMatch(/^sia_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
    const [record] = await fixture.store.listAgentTokens();
    expect(record).toEqual({
      tokenHash: createHash('sha256').update(token).digest('hex'),
      name: '示範客服 Demo',
      role: 'lead',
      createdAt: 1234,
      revokedAt: null,
    });
    expect(hashAgentToken(token)).toBe(record?.tokenHash);
    expect(JSON.stringify(await fixture.store.listAgentTokens())).not.toContain(token.slice(4));
  });

  it('authenticates valid tokens only, until revoked by name', async () => {
    const amy = await createAgentToken(fixture.store, { name: 'Amy', role: 'agent' });
    const ben = await createAgentToken(fixture.store, { name: 'Ben', role: 'lead' });
    expect(await authenticateAgentToken(fixture.store, amy)).toEqual({ name: 'Amy', role: 'agent' });
    expect(await authenticateAgentToken(fixture.store, `${amy}x`)).toBeNull();
    expect(await authenticateAgentToken(fixture.store, 'nonsense')).toBeNull();
    expect(await revokeAgentTokens(fixture.store, 'Amy')).toBe(1);
    expect(await revokeAgentTokens(fixture.store, 'Amy')).toBe(0);
    expect(await authenticateAgentToken(fixture.store, amy)).toBeNull();
    expect(await authenticateAgentToken(fixture.store, ben)).toEqual({ name: 'Ben', role: 'lead' });
  });

  it('rejects bad names and roles', async () => {
    await expect(createAgentToken(fixture.store, { name: '  ', role: 'agent' })).rejects.toThrow(/name is required/);
    await expect(createAgentToken(fixture.store, { name: 'x', role: 'admin' as 'agent' })).rejects.toThrow(/role must be/);
    expect(await fixture.store.listAgentTokens()).toEqual([]);
  });
});
