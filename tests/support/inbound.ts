import type { InboundItem, InboundResult, RelayStore } from '../../src/relay/store/relay-store';

/** Stores one body of inbound items (as a webhook would) and returns its result; throws if it was not stored. */
export async function recordInbound(store: RelayStore, items: readonly InboundItem[], receivedAt: number): Promise<InboundResult> {
  const [outcome] = await store.recordInbound([{ items, receivedAt }]);
  if (!outcome?.ok) throw outcome?.error ?? new Error('no outcome');
  return outcome.result;
}
