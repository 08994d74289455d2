import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BRIDGE_PATH } from '../../shared/ipc/bridge';
import type { Core } from '../core';
import { createBridge, createBridgeSecret } from './bridge';
import { contentSecurityPolicy } from '../host-common/content-security-policy';
import { readStaticFile } from '../host-common/static-files';

export interface BrowserHostOptions {
  core: Core;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 or absent: an ephemeral port. */
  port?: number;
  /** Loopback only: the bridge gives full access to the agent's inbox. */
  host: '127.0.0.1';
}

export interface BrowserHost {
  /** `http://127.0.0.1:PORT/#secret=…` — the fragment never reaches a server or its logs. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Serves the renderer and the IPC bridge, for machines without an Electron runtime. */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const secret = createBridgeSecret();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${options.host}:${port}`;
  const securityHeaders = {
    'Content-Security-Policy': contentSecurityPolicy([`ws://${options.host}:${port}`]),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
  const bridge = createBridge({ core: options.core, secret, origin });

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void serveStatic(options.rendererDir, request, response, securityHeaders);
  });
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', origin).pathname;
    if (path !== BRIDGE_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    bridge.handleUpgrade(request, socket, head);
  });

  return {
    url: `${origin}/#secret=${secret}`,
    port,
    async close() {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serveStatic(
  rendererDir: string,
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Method not allowed');
    return;
  }
  // Keep the raw (still percent-encoded) path: URL parsing would resolve "/../" before our check sees it.
  const rawPath = (request.url ?? '/').split(/[?#]/, 1)[0] ?? '/';
  const file = await readStaticFile(rendererDir, rawPath);
  if (!file) {
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Not found');
    return;
  }
  response.writeHead(200, {
    ...headers,
    'Content-Type': file.contentType,
    'Content-Length': String(file.body.length),
    'Cache-Control': 'no-cache',
  });
  response.end(request.method === 'HEAD' ? undefined : file.body);
}
