import { describe, expect, it } from 'vitest';
import { pickLanguage, createWidgetTranslator } from '../../../src/webchat-widget/i18n';
import { createMessageLog } from '../../../src/webchat-widget/message-log';
import { relayEndpointFromScriptSrc } from '../../../src/webchat-widget/relay-endpoint';
import { loadVisitorId, VISITOR_ID_KEY } from '../../../src/webchat-widget/visitor-id';
import { randomUuid } from '../../../src/webchat-widget/random-ids';
import { webchatSendFrameSchema } from '../../../src/shared/protocol/webchat';
import { STUB_SNIPPET } from '../../../src/webchat-widget/stub-snippet';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

describe('web chat widget logic', () => {
  it('keeps each stored message once, whether it came as ack, live frame or history', () => {
    const log = createMessageLog();
    log.addSending('c1', 'hi', 10);
    expect(log.entries().map((e) => e.state)).toEqual(['sending']);
    // The live echo arrives before the acknowledgement.
    expect(log.addStored({ id: 'm1', text: 'hi', from: 'visitor', at: 11 })).toBe(true);
    expect(log.confirm('c1', { id: 'm1', text: 'hi', from: 'visitor', at: 11 })).toBe(false);
    expect(log.addStored({ id: 'm2', text: 'hello', from: 'agent', at: 12 })).toBe(true);
    expect(log.addStored({ id: 'm2', text: 'hello', from: 'agent', at: 12 })).toBe(false);
    log.addSending('c2', 'still going', 13);
    log.replaceWithHistory([{ id: 'm1', text: 'hi', from: 'visitor', at: 11 }, { id: 'm2', text: 'hello', from: 'agent', at: 12 }]);
    expect(log.entries().map((e) => `${e.key}:${e.state}`)).toEqual(['m1:stored', 'm2:stored', 'local:c2:sending']);
    expect(log.newestStoredId()).toBe('m2');
    log.remove('c2');
    expect(log.entries()).toHaveLength(2);
  });

  it('speaks zh-TW for any zh* page language and English otherwise', () => {
    expect(['zh-TW', 'zh', 'ZH-hant', 'zh-CN'].map(pickLanguage)).toEqual(['zh-TW', 'zh-TW', 'zh-TW', 'zh-TW']);
    expect(['en', '', null, 'ja', 'fr-zh'].map(pickLanguage)).toEqual(['en', 'en', 'en', 'en', 'en']);
    expect(createWidgetTranslator('zh-TW')('sendFailed', { reason: 'x' })).toBe('訊息未送出：x');
  });

  it('finds the relay from the script URL, keeping a path prefix', () => {
    expect(relayEndpointFromScriptSrc('https://relay.example.com/webchat/widget.js')).toEqual({ origin: 'https://relay.example.com', socketPath: '/socket.io' });
    expect(relayEndpointFromScriptSrc('https://shop.example.com/inbox/webchat/widget.js?v=2')).toEqual({ origin: 'https://shop.example.com', socketPath: '/inbox/socket.io' });
    expect(relayEndpointFromScriptSrc('javascript:alert(1)')).toBeNull();
    expect(relayEndpointFromScriptSrc('')).toBeNull();
  });

  it('keeps one 128-bit visitor id in storage and survives blocked storage', () => {
    const map = new Map<string, string>();
    const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    const id = loadVisitorId(storage);
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(map.get(VISITOR_ID_KEY)).toBe(id);
    expect(loadVisitorId(storage)).toBe(id);
    map.set(VISITOR_ID_KEY, 'short');
    expect(loadVisitorId(storage)).not.toBe('short');
    const blocked = { getItem: () => { throw new Error('SecurityError'); }, setItem: () => { throw new Error('SecurityError'); } };
    expect(loadVisitorId(blocked)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('makes clientIds the protocol accepts', () => {
    const id = randomUuid();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(webchatSendFrameSchema.safeParse({ clientId: id, text: 'x' }).success).toBe(true);
  });

  it('documents the very stub snippet the widget replays', () => {
    expect(readFileSync(resolve(__dirname, '../../../docs/protocol.md'), 'utf8')).toContain(`<script>${STUB_SNIPPET}</script>`);
  });
});
