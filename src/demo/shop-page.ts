import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Catalog } from '../shared/catalog/catalog-schema';
import { WEBCHAT_WIDGET_PATH } from '../shared/protocol/webchat';

/**
 * The demo shop's own web page, on its own port (another origin than the relay, as a real shop site is):
 * a few products and the web-chat widget embedded exactly as the README tells a shop to.
 */
export interface ShopPage {
  url: string;
  /** What the relay must allow in WEBCHAT_ALLOWED_ORIGINS. */
  origin: string;
  close(): Promise<void>;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

export function widgetScriptTag(relayUrl: string): string {
  return `<script src="${escapeHtml(relayUrl + WEBCHAT_WIDGET_PATH)}" async></script>`;
}

export function shopPageHtml(input: { shopName: string; relayUrl: string; catalog: Catalog }): string {
  // One product of each of the first kinds (TS-, SH-, …): a shop window, not the whole catalog.
  const kinds = new Map<string, Catalog['products'][number]>();
  for (const product of input.catalog.products) {
    const kind = product.sku.split('-')[0]!;
    if (!kinds.has(kind) && kinds.size < 4) kinds.set(kind, product);
  }
  const products = [...kinds.values()]
    .map((product) => `<li><h2>${escapeHtml(product.name)}</h2><p class="price">NT$${product.price.toLocaleString('en-US')}</p></li>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-TW">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.shopName)}</title>
<style>body{font-family:system-ui,"Noto Sans TC",sans-serif;margin:0;padding:24px 32px;background:#fbf8f4;color:#333}
ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:16px}
li{background:#fff;border-radius:8px;padding:16px;box-shadow:0 1px 3px #0002}h2{font-size:16px;margin:0 0 8px}.price{color:#c0392b;margin:0}</style>
${widgetScriptTag(input.relayUrl)}</head>
<body><h1>${escapeHtml(input.shopName)}</h1><p>新品上架・全館滿 NT$1,000 免運。有問題歡迎點右下角的對話按鈕和我們聊聊。</p>
<ul>
${products}
</ul></body></html>`;
}

/** `relayUrl` is read per request: the relay starts after the page, once the shop's origin is known. */
export async function startShopPage(input: { shopName: string; relayUrl: () => string; catalog: Catalog }): Promise<ShopPage> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://shop.invalid').pathname;
    if (path !== '/') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(shopPageHtml({ shopName: input.shopName, relayUrl: input.relayUrl(), catalog: input.catalog }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
