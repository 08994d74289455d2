import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';
import type { RelayConfig } from '../config';
import type { Logger } from '../logger';

/** Refused connections are reported at most this often, as one summary line. */
export const REFUSAL_REPORT_INTERVAL_MS = 10_000;

/**
 * Options for createServer. headersTimeout / requestTimeout are checked by Node on an interval
 * (30 s by default, which would let a slow client stay ~6× longer than configured): check often enough
 * that a slow connection is closed within about a fifth past its timeout.
 */
export function httpServerOptions(http: RelayConfig['http']): ServerOptions {
  return {
    headersTimeout: http.headersTimeoutMs,
    requestTimeout: http.requestTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(http.headersTimeoutMs / 5))),
  };
}

function sourceAddress(socket: Socket): string {
  const address = socket.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * Caps open connections in total (Node's maxConnections: excess sockets are closed before any byte is
 * read) and per source address, and logs refusals as one summary line per interval — a flood never
 * writes a line per connection. Upgraded websockets stay counted: they are connections too.
 */
export function guardConnections(
  server: Server,
  http: RelayConfig['http'],
  logger: Logger,
  reportIntervalMs = REFUSAL_REPORT_INTERVAL_MS,
): { stop(): void } {
  server.maxConnections = http.maxConnections;
  const openByAddress = new Map<string, number>();
  const refusedByAddress = new Map<string, number>();
  let refusedOverTotal = 0;
  let report: NodeJS.Timeout | null = null;

  const flush = () => {
    report = null;
    const perAddress = [...refusedByAddress].sort((a, b) => b[1] - a[1]);
    const refusedPerIp = perAddress.reduce((sum, [, count]) => sum + count, 0);
    if (refusedPerIp === 0 && refusedOverTotal === 0) return;
    const parts: string[] = [];
    if (refusedOverTotal > 0) parts.push(`${refusedOverTotal} over the total cap of ${http.maxConnections}`);
    if (refusedPerIp > 0) {
      const top = perAddress.slice(0, 3).map(([address, count]) => `${address} ×${count}`).join(', ');
      parts.push(`${refusedPerIp} over the per-address cap of ${http.maxConnectionsPerIp} (${top}${perAddress.length > 3 ? ', …' : ''})`);
    }
    logger.warn(`Refused connections in the last ${Math.round(reportIntervalMs / 1000)} s: ${parts.join('; ')}`);
    refusedByAddress.clear();
    refusedOverTotal = 0;
  };
  const noteRefusal = () => {
    report ??= setTimeout(flush, reportIntervalMs);
    report.unref();
  };

  server.on('drop', () => {
    refusedOverTotal += 1;
    noteRefusal();
  });

  if (http.maxConnectionsPerIp > 0) {
    server.on('connection', (socket: Socket) => {
      const address = sourceAddress(socket);
      const open = (openByAddress.get(address) ?? 0) + 1;
      if (open > http.maxConnectionsPerIp) {
        refusedByAddress.set(address, (refusedByAddress.get(address) ?? 0) + 1);
        noteRefusal();
        socket.destroy();
        return;
      }
      openByAddress.set(address, open);
      socket.once('close', () => {
        const left = (openByAddress.get(address) ?? 1) - 1;
        if (left > 0) openByAddress.set(address, left);
        else openByAddress.delete(address);
      });
    });
  }

  return {
    stop() {
      if (report) clearTimeout(report);
      flush();
    },
  };
}
