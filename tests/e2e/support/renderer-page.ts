import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { fakeInboxApiScript, type FakeInboxOptions, type RecordedInvoke } from '../../fakes/fake-inbox-api';
import { ROOT_DIR } from '../../support/processes';

/**
 * The built renderer served from a loopback port, opened in Chromium against the in-memory fake API
 * (tests/fakes/fake-inbox-api.ts + fake-order-api.ts), for screen tests that need no desktop core.
 */

export const RENDERER_DIR = resolve(ROOT_DIR, 'out', 'renderer');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Normally `npm run build` ran first; builds just the renderer when it did not. */
export async function ensureRendererBuilt(): Promise<void> {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return;
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  await build({
    configFile: false,
    root: resolve(ROOT_DIR, 'src', 'renderer'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: RENDERER_DIR, emptyOutDir: true },
  });
}

export async function serveRenderer(): Promise<{ server: Server; baseUrl: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(RENDERER_DIR, path === '/' ? 'index.html' : path));
    if (!file.startsWith(RENDERER_DIR) || !existsSync(file)) {
      response.writeHead(404).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  return { server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export interface FakeApp {
  page: Page;
  /** Uncaught page errors and console errors, for `expect(errors).toEqual([])`. */
  errors: string[];
}

export async function openFakeApp(
  browser: Browser,
  baseUrl: string,
  options: FakeInboxOptions,
  { language = 'zh-TW', viewport = { width: 1440, height: 900 }, storage = {} }: { language?: 'zh-TW' | 'en'; viewport?: { width: number; height: number }; storage?: Record<string, string> } = {},
): Promise<FakeApp> {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const entries = { 'shop-inbox.language': language, ...storage };
  await page.addInitScript({ content: `for (const [k, v] of Object.entries(${JSON.stringify(entries)})) localStorage.setItem(k, v);` });
  await page.addInitScript({ content: fakeInboxApiScript(options) });
  await page.goto(`${baseUrl}/`);
  return { page, errors };
}

export function recordedInvokes(page: Page): Promise<RecordedInvoke[]> {
  return page.evaluate(() => (globalThis as unknown as { __fakeInbox: { invokes: RecordedInvoke[] } }).__fakeInbox.invokes);
}
