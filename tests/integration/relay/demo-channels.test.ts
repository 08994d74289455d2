import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemo, type Demo } from '../../../src/demo/start-demo';
import { loadDemoData } from '../../../src/demo/demo-data';
import { seededRandom } from '../../../scripts/lib/seeded-random';
import { connectAgent, eventsOfType, waitFor, type AgentConnection } from './harness';
import { personName } from '../../../src/relay/channels/meta/graph-client';

const ROOT = resolve(__dirname, '..', '..', '..');

/**
 * The demo on all four channels: simulated customers write on LINE, Messenger and Instagram (signed webhooks
 * through the fake platforms) and on web chat (a visitor socket from the sample shop page's origin).
 */
describe('the demo runs LINE, Messenger, Instagram and web chat', () => {
  let dataDir: string;
  let demo: Demo;
  let agent: AgentConnection;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'demo-channels-'));
    demo = await startDemo({ rootDir: ROOT, dataDir, random: seededRandom(20261205) });
    agent = connectAgent(demo.relayUrl, demo.agentToken, 0);
    await agent.hello;
  });
  afterAll(async () => {
    agent?.close();
    await demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows conversations of every channel, named after their platform profiles, within seconds', async () => {
    const data = loadDemoData(join(ROOT, 'resources'));
    const upserts = () => eventsOfType(agent.events, 'conversation.upserted');
    const channelOf = new Map<string, string>();
    const channelsSeen = () => {
      for (const event of upserts()) channelOf.set(event.conversationId, event.payload.channel);
      return new Set(eventsOfType(agent.events, 'message.received').map((event) => channelOf.get(event.conversationId)).filter(Boolean));
    };
    await waitFor(() => channelsSeen().size === 4, 'messages of all four channels', 15_000);
    expect([...channelsSeen()].sort()).toEqual(['instagram', 'line', 'messenger', 'webchat']);
    const names = () => new Set(upserts().map((event) => event.payload.displayName));
    const messenger = data.messenger[0]!;
    await waitFor(() => names().has(personName(messenger.firstName, messenger.lastName)) && names().has(data.instagram[0]!.name), 'the Meta profile names', 10_000);
    // The web-chat visitor's first question is stored like any other customer message.
    const webchatTexts = eventsOfType(agent.events, 'message.received')
      .filter((event) => channelOf.get(event.conversationId) === 'webchat')
      .map((event) => event.payload.text);
    expect(webchatTexts).toContain(data.webchat[0]!.messages[0]);
  });

  it('serves the sample shop page on another origin, embedding the relay’s web-chat widget', async () => {
    expect(new URL(demo.shopPageUrl).origin).not.toBe(new URL(demo.relayUrl).origin);
    const page = await fetch(demo.shopPageUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="zh-TW">');
    expect(html).toContain(`<script src="${demo.relayUrl}/webchat/widget.js" async></script>`);
    expect(html).toContain('NT$');
  });
});
