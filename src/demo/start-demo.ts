import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startFakeLine } from './fake-line';
import { loadRelayConfig } from '../relay/config';
import { createAgentToken, startRelay } from '../relay/server';
import { startCustomerSimulator } from './customer-simulator';
import { loadDemoCatalog, loadDemoData, loadDemoRules } from './demo-data';

/**
 * The built-in demo: a local relay wired to a simulated LINE platform with simulated customers, plus an
 * agent token for the desktop app. Nothing leaves the machine.
 */
export interface Demo {
  relayUrl: string;
  agentToken: string;
  shopName: string;
  close(): Promise<void>;
}

export async function startDemo(options: {
  rootDir: string;
  dataDir: string;
  relayPort?: number;
  log?: (line: string) => void;
}): Promise<Demo> {
  const channelSecret = randomBytes(16).toString('hex');
  const channelAccessToken = `demo-${randomBytes(16).toString('hex')}`;
  const paymentSecret = randomBytes(16).toString('hex');
  const fakeLine = await startFakeLine({ channelAccessToken });
  const relay = await startRelay(
    loadRelayConfig({
      RELAY_HOST: '127.0.0.1',
      RELAY_PORT: String(options.relayPort ?? 0),
      RELAY_DATA_DIR: join(options.dataDir, 'relay'),
      LINE_CHANNEL_SECRET: channelSecret,
      LINE_CHANNEL_ACCESS_TOKEN: channelAccessToken,
      LINE_API_BASE_URL: fakeLine.url,
      PAYMENT_WEBHOOK_SECRET: paymentSecret,
    }),
  );
  const agentToken = await createAgentToken(relay.store, { name: '示範客服 Demo Agent', role: 'lead' });
  const data = loadDemoData(join(options.rootDir, 'resources'));
  // A demo relay keeps its data between launches: seed the shop's rules only once, never over an agent's edits.
  if (await relay.store.latestRulesVersion() === 0) {
    await relay.store.saveRules({
      mutationId: null,
      rules: loadDemoRules(join(options.rootDir, 'resources')),
      baseVersion: 0,
      agentName: data.shopName,
      now: Date.now(),
    });
  }
  // The catalog too: seeded once, then it is the shop's to edit.
  if (await relay.store.latestCatalog() === null) {
    await relay.store.saveCatalog({
      mutationId: null,
      catalog: loadDemoCatalog(join(options.rootDir, 'resources')),
      baseVersion: 0,
      agentName: data.shopName,
      now: Date.now(),
    });
  }
  const simulator = startCustomerSimulator({
    relayUrl: relay.url,
    channelSecret,
    destination: 'U' + 'de30'.padEnd(32, '0'),
    fakeLine,
    data,
    log: options.log,
    paymentSecret,
  });
  return {
    relayUrl: relay.url,
    agentToken,
    shopName: data.shopName,
    async close() {
      simulator.stop();
      await relay.close();
      await fakeLine.close();
    },
  };
}
