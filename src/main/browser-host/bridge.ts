import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BRIDGE_CLOSE_UNAUTHORIZED,
  bridgeClientMessageSchema,
  type BridgeServerMessage,
} from '../../shared/ipc/bridge';
import type { Core } from '../core';

/** Browser messages are small, except a photo or file to send (25 MB as base64 at most); refuse anything larger. */
const MAX_MESSAGE_BYTES = 36 * 1024 * 1024;
/** A page that connects but never authenticates is dropped after this long. */
const AUTH_TIMEOUT_MS = 10_000;

export function createBridgeSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison that does not leak the secret's length through an early exit. */
export function secretsMatch(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

export interface Bridge {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/**
 * The IPC contract over one WebSocket. Only a page served by this host (same Origin) that proves it
 * knows the per-launch secret may invoke the core; everything else is closed with 4401.
 */
export function createBridge(options: { core: Core; secret: string; origin: string }): Bridge {
  const server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const { core, secret, origin } = options;

  server.on('connection', (socket: WebSocket) => {
    let authenticated = false;
    let unsubscribe: (() => void) | null = null;
    const send = (message: BridgeServerMessage): void => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    };
    const reject = (reason: string): void => socket.close(BRIDGE_CLOSE_UNAUTHORIZED, reason);
    const authTimer = setTimeout(() => reject('Authentication timed out'), AUTH_TIMEOUT_MS);

    socket.on('close', () => {
      clearTimeout(authTimer);
      unsubscribe?.();
    });
    socket.on('message', (data, isBinary) => {
      const message = parseClientMessage(isBinary ? null : data.toString());
      if (!authenticated) {
        clearTimeout(authTimer);
        if (!message || message.kind !== 'auth' || !secretsMatch(secret, message.secret)) {
          reject('Unauthorized');
          return;
        }
        authenticated = true;
        unsubscribe = core.onChanged((event) => send({ kind: 'event', event }));
        send({ kind: 'ready' });
        return;
      }
      if (!message) {
        socket.close(1003, 'Unreadable message');
        return;
      }
      if (message.kind !== 'invoke') return;
      core.handle(message.channel, message.input).then(
        (output) => send({ kind: 'result', id: message.id, ok: true, output }),
        (error: unknown) =>
          send({ kind: 'result', id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
    });
  });

  return {
    handleUpgrade(request, socket, head) {
      if (request.headers.origin !== origin) {
        // Another site in the agent's browser must not even get a socket.
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      server.handleUpgrade(request, socket, head, (ws) => server.emit('connection', ws, request));
    },
    close() {
      for (const client of server.clients) client.terminate();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function parseClientMessage(text: string | null) {
  if (text === null) return null;
  try {
    const parsed = bridgeClientMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
