import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBCHAT_WIDGET_PATH } from '../../../src/shared/protocol/webchat';
import { STUB_SNIPPET } from '../../../src/webchat-widget/stub-snippet';

/**
 * A shop's own page on another origin than the relay, embedding the widget exactly as docs/protocol.md says.
 * Its stylesheet is deliberately hostile (every element restyled, buttons hidden) to show the shadow root
 * keeps the widget intact. `?lang=` sets <html lang>; `?stub=1` adds the stub snippet and an early send.
 */

const HOSTILE_CSS = `
  * { font-family: "Comic Sans MS", cursive !important; color: #d0f !important; letter-spacing: 3px !important; }
  body { font-size: 28px; line-height: 3; margin: 0; padding: 24px; background: #fafafa; }
  button, textarea, ol, section { display: none !important; }
  div { border: 4px dashed red !important; background: yellow !important; }
`;

function shopPage(relayUrl: string, lang: string, withStub: boolean): string {
  const early = withStub
    ? `<script>${STUB_SNIPPET}
window.earlyMessages = [];
ShopInboxChat.on('message', function (m) { window.earlyMessages.push(m); });
window.earlySend = ShopInboxChat.send('sent before the script loaded').then(function (m) { return m.id; });</script>`
    : '';
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>小花服飾 Little Flower</title><style>${HOSTILE_CSS}</style>${early}
<script src="${relayUrl}${WEBCHAT_WIDGET_PATH}" async></script></head>
<body><h1>小花服飾 Little Flower</h1><p>新品上架：亞麻襯衫 NT$890、寬褲 NT$1,280。</p>
<div>Summer sale — free shipping over NT$1,000</div><p><a href="#top">商品目錄</a></p></body></html>`;
}

/** `relayUrl` may be a function: the relay can start after the shop page, once the shop's origin is known. */
export async function startShopPageServer(relayUrl: string | (() => string)): Promise<{ url: string; origin: string; close(): Promise<void> }> {
  const relayUrlNow = typeof relayUrl === 'function' ? relayUrl : () => relayUrl;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://shop.invalid');
    if (url.pathname === '/favicon.ico') return void res.writeHead(204).end();
    if (url.pathname !== '/') return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(shopPage(relayUrlNow(), url.searchParams.get('lang') ?? 'zh-TW', url.searchParams.get('stub') === '1'));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    origin,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
