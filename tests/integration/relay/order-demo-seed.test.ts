import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo } from '../../../src/demo/start-demo';
import { loadDemoCatalog } from '../../../src/demo/demo-data';
import { connectAgent, eventsOfType, waitFor } from './harness';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('the demo relay seeds the demo catalog', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'demo-catalog-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('once: agents receive it as catalog.updated, and a restarted demo keeps the shop’s version', async () => {
    const first = await startDemo({ rootDir: ROOT, dataDir });
    try {
      const agent = connectAgent(first.relayUrl, first.agentToken, 0);
      await agent.hello;
      const updated = await waitFor(() => eventsOfType(agent.events, 'catalog.updated')[0], 'catalog.updated');
      expect(updated.payload.version).toBe(1);
      expect(updated.payload.catalog).toEqual(loadDemoCatalog(join(ROOT, 'resources')));
      agent.close();
    } finally {
      await first.close();
    }
    const second = await startDemo({ rootDir: ROOT, dataDir });
    try {
      const agent = connectAgent(second.relayUrl, second.agentToken, 0);
      await agent.hello;
      await waitFor(() => eventsOfType(agent.events, 'catalog.updated').length > 0, 'catalog.updated');
      expect(eventsOfType(agent.events, 'catalog.updated').map((event) => event.payload.version)).toEqual([1]);
      agent.close();
    } finally {
      await second.close();
    }
  });
});
