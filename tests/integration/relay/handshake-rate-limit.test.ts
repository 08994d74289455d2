import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentToken } from '../../../src/relay/auth/agent-tokens';
import { loadRelayConfig } from '../../../src/relay/config';
import type { Logger } from '../../../src/relay/logger';
import { startRelay, type RunningRelay } from '../../../src/relay/server';
import { relayStorageEnv } from '../../support/relay-backend';
import { connectAgent, connectError, createTestClock } from './harness';

const LIMIT = 5;
const WINDOW_MS = 60_000;
const FLOOD = 100;

describe('failed /agent handshakes are capped per address and logged', () => {
  let dataDir: string;
  let relay: RunningRelay;
  const lines: string[] = [];
  const clock = createTestClock();
  // Only the handshake lines (the relay also warns that LINE is not configured).
  const keep = (line: string) => {
    if (line.includes('handshake')) lines.push(line);
  };
  const logger: Logger = { info: keep, warn: keep, error: keep };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'relay-ratelimit-'));
    relay = await startRelay(
      loadRelayConfig({
        RELAY_PORT: '0',
        RELAY_HOST: '127.0.0.1',
        ...relayStorageEnv(dataDir),
        RELAY_AUTH_FAILURE_LIMIT: String(LIMIT),
        RELAY_AUTH_FAILURE_WINDOW_MS: String(WINDOW_MS),
      }),
      { logger, now: clock.now, quotaPolling: false },
    );
  });
  afterAll(async () => {
    await relay.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`after ${LIMIT} failures refuses even a valid token with rate_limited until the window passes; a flood logs a few lines, never a token`, async () => {
    const valid = await createAgentToken(relay.store, { name: 'Amy', role: 'agent' });
    const wrong = (n: number) => `sia_wrong-token-${n}-${'x'.repeat(30)}`;
    for (let n = 0; n < LIMIT; n += 1) expect(await connectError(relay.url, { token: wrong(n), cursor: 0, protocol: 2 })).toBe('unauthorized');

    expect(await connectError(relay.url, { token: valid, cursor: 0, protocol: 2 })).toBe('rate_limited');
    for (let n = 0; n < FLOOD; n += 1) expect(await connectError(relay.url, { token: wrong(LIMIT + n), cursor: 0, protocol: 2 })).toBe('rate_limited');
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines.join('\n')).toMatch(/127\.0\.0\.1.*5 failures — refusing its handshakes until/u);

    clock.advance(WINDOW_MS);
    const agent = connectAgent(relay.url, valid);
    expect((await agent.hello).agent.name).toBe('Amy');
    agent.close();
    expect(lines.join('\n')).toContain(`${FLOOD + 1} refused unchecked while rate-limited, after ${LIMIT} failures`);
    expect(lines.length).toBeLessThanOrEqual(3);
    for (const line of lines) {
      expect(line).not.toContain('sia_');
      expect(line).not.toContain('wrong-token');
    }
  }, 60_000);
});
