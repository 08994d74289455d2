import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentToken, revokeAgentTokens } from '../../../src/relay/auth/agent-tokens';
import { loadRelayConfig } from '../../../src/relay/config';
import { silentLogger } from '../../../src/relay/logger';
import { startRelay, type RunningRelay } from '../../../src/relay/server';
import type { RelayStore } from '../../../src/relay/store/relay-store';
import { FAKE_BOT_USER_ID, callbackBody, fakeLineUserId, postLineWebhook, startFakeLine, textMessageEvent, type FakeLine } from '../../../src/demo/fake-line';
import { ROOT_DIR, freePort } from '../../support/processes';
import { openTestRelayStore, queryTestStore, relayStorageEnv } from '../../support/relay-backend';
import { CHANNEL_SECRET as FAULT_SECRET, RelayProcess } from '../faults/support';
import { CHANNEL_ACCESS_TOKEN, connectAgent, connectError, eventsOfType, waitFor, type AgentConnection } from './harness';

function runCli(args: string[], dataDir: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/relay/cli/main.ts', ...args], {
      cwd: ROOT_DIR,
      env: { ...process.env, ...relayStorageEnv(dataDir) },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

const disconnected = (agent: AgentConnection) => !agent.socket.connected;

describe('revoking a token cuts off its open sockets on every relay process', () => {
  let dataDir: string;
  let fakeLine: FakeLine;
  let inProcess: RunningRelay;
  let child: RelayProcess;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'relay-revoke-'));
    fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
    inProcess = await startRelay(
      loadRelayConfig({ RELAY_PORT: '0', RELAY_HOST: '127.0.0.1', ...relayStorageEnv(dataDir), LINE_CHANNEL_SECRET: FAULT_SECRET, LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_ACCESS_TOKEN, LINE_API_BASE_URL: fakeLine.url }),
      { logger: silentLogger, pollIntervalMs: 50, quotaPolling: false },
    );
    child = new RelayProcess({ port: await freePort(), dataDir, fakeLine, storage: relayStorageEnv(dataDir) });
    await child.start();
  }, 60_000);
  afterAll(async () => {
    await child.stop();
    await inProcess.close();
    await fakeLine.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('within 5 s of `token revoke` (a separate CLI process) both relays disconnect it; it gets no new event and cannot reconnect', async () => {
    const token = await createAgentToken(inProcess.store, { name: 'Dana', role: 'agent' });
    const watcher = connectAgent(child.url, await createAgentToken(inProcess.store, { name: 'Eve', role: 'agent' }));
    const onChild = connectAgent(child.url, token);
    const here = connectAgent(inProcess.url, token);
    await Promise.all([watcher.hello, onChild.hello, here.hello]);

    expect(await runCli(['token', 'revoke', '--name', 'Dana'], dataDir)).toBe(0);
    const revokedAt = Date.now();
    await waitFor(() => disconnected(onChild) && disconnected(here), 'both sockets of the revoked token to be cut off', 5000);
    expect(Date.now() - revokedAt).toBeLessThan(5000);
    const seen = [onChild.events.length, here.events.length];

    // A customer writes after the revocation: the valid agent sees it, the revoked sockets get nothing.
    const userId = fakeLineUserId();
    await postLineWebhook(inProcess.url, FAULT_SECRET, callbackBody(FAKE_BOT_USER_ID, [textMessageEvent({ userId, text: '還在嗎', replyToken: fakeLine.issueReplyToken() })]));
    await waitFor(() => eventsOfType(watcher.events, 'message.received').find((event) => event.conversationId === `line:${userId}`), 'the valid agent to see the message');
    expect([onChild.events.length, here.events.length]).toEqual(seen);
    expect(watcher.socket.connected).toBe(true);
    expect(await connectError(child.url, { token, cursor: 0, protocol: 2 })).toBe('unauthorized');
    watcher.close();
  }, 60_000);
});

describe('every frame is authorised against the token as it is now', () => {
  let dataDir: string;
  let fakeLine: FakeLine;
  let relay: RunningRelay;
  let otherConnection: RelayStore;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'relay-frames-'));
    fakeLine = await startFakeLine({ channelAccessToken: CHANNEL_ACCESS_TOKEN });
    // The periodic check is far away: only the per-frame check can refuse these frames.
    relay = await startRelay(
      loadRelayConfig({ RELAY_PORT: '0', RELAY_HOST: '127.0.0.1', ...relayStorageEnv(dataDir), RELAY_TOKEN_CHECK_MS: '60000', LINE_API_BASE_URL: fakeLine.url }),
      { logger: silentLogger, quotaPolling: false },
    );
    otherConnection = await openTestRelayStore(dataDir);
  });
  afterAll(async () => {
    await otherConnection.close();
    await relay.close();
    await fakeLine.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function connectedAs(name: string) {
    const agent = connectAgent(relay.url, await createAgentToken(relay.store, { name, role: 'agent' }));
    await agent.hello;
    await waitFor(() => agent.frames.length > 0, 'the backlog frame');
    return agent;
  }

  it('pull after revocation (by the CLI’s store function, another connection): no events, disconnected', async () => {
    const agent = await connectedAs('Fay');
    await relay.store.appendEvents([{ type: 'channel.event', occurredAt: 1, payload: { channel: 'line', eventType: 'x', summary: 'before the pull' } }]);
    await waitFor(() => agent.events.length > 0, 'the live event');
    await revokeAgentTokens(otherConnection, 'Fay');
    const frames = agent.frames.length;
    agent.socket.emit('pull', { cursor: 0 });
    await waitFor(() => disconnected(agent), 'the socket to be cut off');
    expect(agent.frames).toHaveLength(frames);
  });

  it('mutate after revocation: FORBIDDEN, then disconnected', async () => {
    const agent = await connectedAs('Gus');
    await revokeAgentTokens(otherConnection, 'Gus');
    const ack = await agent.mutate({ id: 'revoked-mutation-1', type: 'conversation.markRead', payload: { conversationId: 'line:U1' } });
    expect(ack).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await waitFor(() => disconnected(agent), 'the socket to be cut off');
  });

  it('presence or any other frame after revocation, or after the token’s role changed: disconnected', async () => {
    const typing = await connectedAs('Hal');
    await revokeAgentTokens(otherConnection, 'Hal');
    typing.socket.emit('presence', { conversationId: 'line:U1', typing: true });
    await waitFor(() => disconnected(typing), 'the presence socket to be cut off');

    const unknown = await connectedAs('Ivy');
    await revokeAgentTokens(otherConnection, 'Ivy');
    unknown.socket.emit('something-new', {});
    await waitFor(() => disconnected(unknown), 'the socket of an unknown frame to be cut off');

    const promoted = await connectedAs('Joe');
    await queryTestStore(dataDir, `UPDATE agent_tokens SET role = 'lead' WHERE name = 'Joe'`);
    promoted.socket.emit('pull', { cursor: 0 });
    await waitFor(() => disconnected(promoted), 'the socket whose role changed to be cut off');
  });
});
