import type { ServerResponse } from 'node:http';
import type { RelayStore } from '../store/relay-store';
import { sendJson } from './json-response';

/** The desktop app's sign-in probe: proves this URL is a Shop Inbox relay and shows its log head. */
export async function handleHealth(res: ServerResponse, store: RelayStore, lineConfigured: boolean): Promise<void> {
  sendJson(res, 200, { ok: true, relayId: store.relayId, headSeq: await store.headSeq(), lineConfigured });
}
