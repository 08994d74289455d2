import type { ServerResponse } from 'node:http';
import type { MetaHealthReport } from '../channels/meta/meta-health';
import type { RelayStore } from '../store/relay-store';
import { sendJson } from './json-response';

export interface ChannelHealth {
  lineConfigured: boolean;
  /** Messenger/Instagram: configured parts, and whether Meta refused the page token (a new one is needed). */
  meta: MetaHealthReport;
}

/** The desktop app's sign-in probe: proves this URL is a Shop Inbox relay and shows its log head and channels. */
export async function handleHealth(res: ServerResponse, store: RelayStore, channels: ChannelHealth): Promise<void> {
  sendJson(res, 200, { ok: true, relayId: store.relayId, headSeq: await store.headSeq(), ...channels });
}
