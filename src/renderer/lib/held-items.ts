import { DELIVERY_REASON } from '../../shared/delivery/reasons';
import type { MessageView } from '../../shared/ipc';

export interface HeldTrayItem {
  message: MessageView;
  /** held: waits for the next free reply; unconfirmed: LINE may or may not have it — the agent decides. */
  kind: 'held' | 'unconfirmed';
}

const UNCONFIRMED: ReadonlySet<string> = new Set([DELIVERY_REASON.lineUnconfirmed, DELIVERY_REASON.pushUnconfirmed]);

/** The agent's messages that still need a decision or wait for the customer, oldest first. */
export function heldTrayItems(messages: readonly MessageView[]): HeldTrayItem[] {
  const items: HeldTrayItem[] = [];
  for (const message of messages) {
    if (message.direction !== 'out') continue;
    if (message.delivery === 'held') items.push({ message, kind: 'held' });
    else if (message.delivery === 'failed' && message.deliveryReason !== null && UNCONFIRMED.has(message.deliveryReason)) {
      items.push({ message, kind: 'unconfirmed' });
    }
  }
  return items;
}
