import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startFakeLine } from './fake-line';
import { startFakeMeta } from './fake-meta';
import { loadRelayConfig } from '../relay/config';
import { createAgentToken, startRelay } from '../relay/server';
import { startCustomerSimulator } from './customer-simulator';
import { loadDemoCatalog, loadDemoData, loadDemoRules } from './demo-data';
import { startShopPage } from './shop-page';
import { simulatedLineChannel } from './simulated-line';
import { DEMO_PAGE_ID, simulatedMetaChannels } from './simulated-meta';
import { simulatedWebchatChannel } from './simulated-webchat';

/**
 * The built-in demo: a local relay wired to simulated LINE and Meta platforms, a sample shop page with the
 * web-chat widget, simulated customers on all four channels, and an agent token for the desktop app.
 * Nothing leaves the machine.
 */
export interface Demo {
  relayUrl: string;
  /** The team lead's token (the demo's first sign-in). */
  agentToken: string;
  /** An agent's token (role agent): the demo's second sign-in, to try what an agent may and may not do. */
  agentRoleToken: string;
  shopName: string;
  /** The sample shop page (its own origin) whose widget talks to the relay's web chat. */
  shopPageUrl: string;
  close(): Promise<void>;
}

export async function startDemo(options: {
  rootDir: string;
  dataDir: string;
  relayPort?: number;
  log?: (line: string) => void;
  /** Seeds the customers' choices (tests); Math.random otherwise. */
  random?: () => number;
}): Promise<Demo> {
  const resourcesDir = join(options.rootDir, 'resources');
  const secret = () => randomBytes(16).toString('hex');
  const channelSecret = secret();
  const channelAccessToken = `demo-${secret()}`;
  const paymentSecret = secret();
  const metaAppSecret = secret();
  const metaPageToken = `EAAdemo${secret()}`;
  const data = loadDemoData(resourcesDir);
  const catalog = loadDemoCatalog(resourcesDir);
  const fakeLine = await startFakeLine({ channelAccessToken });
  const fakeMeta = await startFakeMeta({ pageAccessToken: metaPageToken, pageId: DEMO_PAGE_ID });
  let relayUrl = '';
  const shopPage = await startShopPage({ shopName: data.shopName, relayUrl: () => relayUrl, catalog });
  const relay = await startRelay(
    loadRelayConfig({
      RELAY_HOST: '127.0.0.1',
      RELAY_PORT: String(options.relayPort ?? 0),
      RELAY_DATA_DIR: join(options.dataDir, 'relay'),
      LINE_CHANNEL_SECRET: channelSecret,
      LINE_CHANNEL_ACCESS_TOKEN: channelAccessToken,
      LINE_API_BASE_URL: fakeLine.url,
      LINE_DATA_API_BASE_URL: fakeLine.url,
      PAYMENT_WEBHOOK_SECRET: paymentSecret,
      META_APP_SECRET: metaAppSecret,
      META_VERIFY_TOKEN: `demo-verify-${secret()}`,
      META_PAGE_ACCESS_TOKEN: metaPageToken,
      META_GRAPH_BASE_URL: fakeMeta.url,
      WEBCHAT_ALLOWED_ORIGINS: shopPage.origin,
      WEBCHAT_IDENTITY_SECRET: secret(),
    }),
  );
  relayUrl = relay.url;
  const agentToken = await createAgentToken(relay.store, { name: '示範客服 Demo Agent', role: 'lead' });
  const agentRoleToken = await createAgentToken(relay.store, { name: '小美 Mei', role: 'agent' });
  // A demo relay keeps its data between launches: seed the shop's rules only once, never over an agent's edits.
  if (await relay.store.latestRulesVersion() === 0) {
    await relay.store.saveRules({
      mutationId: null,
      rules: loadDemoRules(resourcesDir),
      baseVersion: 0,
      agentName: data.shopName,
      now: Date.now(),
    });
  }
  // The catalog too: seeded once, then it is the shop's to edit.
  if (await relay.store.latestCatalog() === null) {
    await relay.store.saveCatalog({ mutationId: null, catalog, baseVersion: 0, agentName: data.shopName, now: Date.now() });
  }
  const simulator = startCustomerSimulator({
    relayUrl: relay.url,
    channels: [
      simulatedLineChannel({ relayUrl: relay.url, channelSecret, destination: 'U' + 'de30'.padEnd(32, '0'), fakeLine, data, opening: 6 }),
      ...simulatedMetaChannels({ relayUrl: relay.url, appSecret: metaAppSecret, fakeMeta, data, opening: 1 }),
      simulatedWebchatChannel({ relayUrl: relay.url, shopOrigin: shopPage.origin, data, opening: 1 }),
    ],
    thanks: data.thanks,
    log: options.log,
    paymentSecret,
    ...(options.random ? { random: options.random } : {}),
  });
  return {
    relayUrl: relay.url,
    agentToken,
    agentRoleToken,
    shopName: data.shopName,
    shopPageUrl: shopPage.url,
    async close() {
      simulator.stop();
      await relay.close();
      await Promise.all([fakeLine.close(), fakeMeta.close(), shopPage.close()]);
    },
  };
}
