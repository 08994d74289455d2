import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelayCli } from '../../support/processes';
import { relayStorageEnv } from '../../support/relay-backend';
import { connectAgent, connectError, startRelayHarness, type RelayHarness } from './harness';

const runCli = (args: string[], dataDir: string) => runRelayCli(args, { ...process.env, ...relayStorageEnv(dataDir) });

describe('relay CLI against a running relay’s data directory', () => {
  let h: RelayHarness;
  beforeAll(async () => {
    h = await startRelayHarness();
  });
  afterAll(() => h.close());

  it('token create prints the token last; it authenticates; token revoke stops it', async () => {
    const created = await runCli(['token', 'create', '--name', '小美', '--role', 'lead'], h.dataDir);
    expect(created.code).toBe(0);
    const lines = created.stdout.trim().split('\n');
    const token = lines[lines.length - 1]!;
    expect(token).toMatch(/^sia_[A-Za-z0-9_-]{43}$/);

    const agent = connectAgent(h.relay.url, token, 0);
    const hello = await agent.hello;
    expect(hello.agent).toEqual({ name: '小美', role: 'lead' });
    agent.close();

    const listed = await runCli(['token', 'list'], h.dataDir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('小美\tlead');
    expect(listed.stdout).not.toContain(token);

    const revoked = await runCli(['token', 'revoke', '--name', '小美'], h.dataDir);
    expect(revoked.code).toBe(0);
    expect(await connectError(h.relay.url, { token, cursor: 0, protocol: 2 })).toBe('unauthorized');
  }, 60_000);

  it.each([
    [['token', 'create', '--role', 'agent']],
    [['token', 'create', '--name', 'x', '--role', 'boss']],
    [['token', 'explode']],
    [['bogus']],
  ])('exits 2 with usage for %j', async (args) => {
    const result = await runCli(args, h.dataDir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: npm run relay');
    expect(result.stdout).toBe('');
  }, 60_000);
});
