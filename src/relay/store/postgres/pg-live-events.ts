import pg from 'pg';
import { clientConfig } from './pg-connection';
import type { PostgresTarget } from './pg-url';
import { headSeq } from './pg-event-log';

/**
 * Every relay process keeps one connection LISTENing on its schema's events channel. A transaction that appended
 * events NOTIFYs the new head seq at commit (pg-event-log.ts) — a number, far below NOTIFY's 8,000-byte limit,
 * and never the events themselves: listeners read them from the log by cursor, so a missed or coalesced
 * notification loses nothing (ADR 0014). While the connection is down the relay's polling still finds new events;
 * after a reconnect the current head is announced once.
 */
export function listenForHead(
  target: PostgresTarget,
  channel: string,
  onHead: (seq: number) => void,
  onProblem: (message: string) => void,
): { connected(): boolean; stop(): Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let connected = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let failures = 0;

  const scheduleReconnect = () => {
    if (stopped || retryTimer) return;
    failures += 1;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect();
    }, Math.min(5_000, 250 * failures));
    retryTimer.unref();
  };

  const connect = async () => {
    const next = new pg.Client(clientConfig(target, 'shop-inbox-relay-listener'));
    client = next;
    next.on('notification', (message) => {
      const seq = Number(message.payload);
      if (message.channel === channel && Number.isSafeInteger(seq)) onHead(seq);
    });
    next.on('error', (error) => {
      if (stopped) return;
      if (connected) onProblem(`event notifications interrupted (${error.message}); reconnecting`);
      connected = false;
      next.end().catch(() => undefined);
      scheduleReconnect();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (stopped) return void next.end().catch(() => undefined);
      connected = true;
      failures = 0;
      onHead(await headSeq(next));
    } catch (error) {
      if (stopped) return;
      onProblem(`event notifications unavailable (${error instanceof Error ? error.message : String(error)}); retrying`);
      next.end().catch(() => undefined);
      scheduleReconnect();
    }
  };

  void connect();
  return {
    connected: () => connected,
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      connected = false;
      await client?.end().catch(() => undefined);
    },
  };
}
