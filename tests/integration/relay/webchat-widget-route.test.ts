import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleWebchatWidget } from '../../../src/relay/http/webchat-widget';
import { ensureWebchatWidgetBuilt } from '../../support/webchat-widget-build';
import { startRelayHarness, type RelayHarness } from './harness';

describe('GET /webchat/widget.js on a real relay', () => {
  let harness: RelayHarness;
  let widgetFile: string;
  beforeAll(async () => {
    widgetFile = await ensureWebchatWidgetBuilt();
    harness = await startRelayHarness();
  });
  afterAll(() => harness?.close());

  it('serves the built widget to any origin as cacheable JavaScript', async () => {
    const response = await fetch(`${harness.relay.url}/webchat/widget.js`, { headers: { origin: 'https://shop.example.com' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(widgetFile))).toBe(true);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await fetch(`${harness.relay.url}/webchat/widget.js`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${harness.relay.url}/webchat/widget.js`, { method: 'POST' });
    expect(post.status).toBe(405);
  });

  it('answers 503 with what to do when the widget was not built', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'widget-')), 'widget.js');
    const server = createServer((req, res) => void handleWebchatWidget(req, res, missing));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webchat/widget.js`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ error: 'The web chat widget is not built on this relay: run npm run build' });
    } finally {
      server.close();
    }
  });
});
