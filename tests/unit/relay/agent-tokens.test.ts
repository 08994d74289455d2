import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authenticateAgentToken, createAgentToken, hashAgentToken, revokeAgentTokens } from '../../../src/relay/auth/agent-tokens';
import { openTempStore } from './store-fixture';

describe('agent tokens', () => {
  let fixture: ReturnType<typeof openTempStore>;
  beforeEach(() => {
    fixture = openTempStore();
  });
  afterEach(() => fixture.dispose());

  it('creates a prefixed 32-byte base64url token and stores only its SHA-256', () => {
    const token = createAgentToken(fixture.store, { name: '示範客服 Demo', role: 'lead' }, 1234);
    expect(token).toMatch(/^sia_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32);
    const [record] = fixture.store.listAgentTokens();
    expect(record).toEqual({
      tokenHash: createHash('sha256').update(token).digest('hex'),
      name: '示範客服 Demo',
      role: 'lead',
      createdAt: 1234,
      revokedAt: null,
    });
    expect(hashAgentToken(token)).toBe(record?.tokenHash);
    expect(JSON.stringify(fixture.store.listAgentTokens())).not.toContain(token.slice(4));
  });

  it('authenticates valid tokens only, until revoked by name', () => {
    const amy = createAgentToken(fixture.store, { name: 'Amy', role: 'agent' });
    const ben = createAgentToken(fixture.store, { name: 'Ben', role: 'lead' });
    expect(authenticateAgentToken(fixture.store, amy)).toEqual({ name: 'Amy', role: 'agent' });
    expect(authenticateAgentToken(fixture.store, `${amy}x`)).toBeNull();
    expect(authenticateAgentToken(fixture.store, 'nonsense')).toBeNull();
    expect(revokeAgentTokens(fixture.store, 'Amy')).toBe(1);
    expect(revokeAgentTokens(fixture.store, 'Amy')).toBe(0);
    expect(authenticateAgentToken(fixture.store, amy)).toBeNull();
    expect(authenticateAgentToken(fixture.store, ben)).toEqual({ name: 'Ben', role: 'lead' });
  });

  it('rejects bad names and roles', () => {
    expect(() => createAgentToken(fixture.store, { name: '  ', role: 'agent' })).toThrow(/name is required/);
    expect(() => createAgentToken(fixture.store, { name: 'x', role: 'admin' as 'agent' })).toThrow(/role must be/);
    expect(fixture.store.listAgentTokens()).toEqual([]);
  });
});
