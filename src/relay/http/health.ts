import type { ServerResponse } from 'node:http';
import type { MetaHealthReport } from '../channels/meta/meta-health';
import type { BackgroundRole } from '../coordination/background-lease';
import type { DatabaseHealth } from '../store/open-relay-store';
import type { RelayStore } from '../store/relay-store';
import { sendJson } from './json-response';

export interface ChannelHealth {
  lineConfigured: boolean;
  /** Messenger/Instagram: configured parts, and whether Meta refused the page token (a new one is needed). */
  meta: MetaHealthReport;
}

export interface ClusterHealth {
  database: DatabaseHealth;
  background: BackgroundRole;
}

/**
 * The desktop app's sign-in probe and a load balancer's health check: proves this URL is a Shop Inbox relay and
 * shows its log head, channels, store and this process's role in background work. 503 while the store is
 * unreachable, so a load balancer sends traffic to the other relays.
 */
export async function handleHealth(res: ServerResponse, store: RelayStore, channels: ChannelHealth, cluster: ClusterHealth): Promise<void> {
  if (!cluster.database.ok) {
    sendJson(res, 503, { ok: false, relayId: store.relayId, ...channels, ...cluster });
    return;
  }
  sendJson(res, 200, { ok: true, relayId: store.relayId, headSeq: await store.headSeq(), ...channels, ...cluster });
}
