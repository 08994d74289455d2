import type { OrderRecord } from '../relay-store';
import type { RelayStorePart } from '../relay-store-parts';
import { CATALOG } from '../sqlite-catalog';
import { latestCatalog } from './pg-catalog';
import { getOrder } from './pg-order-queries';
import { hasDueReminders, queueDueReminders } from './pg-order-reminders';
import { beginOrderSendSummary } from './pg-order-summary';
import { beginOrderCreate, setOrderStatus } from './pg-orders';
import { recordPaymentNotification } from './pg-payments';
import { lockMutation } from './pg-replies';
import type { PgStoreContext } from './pg-store-context';
import { LOCKS, type PgTx } from './pg-transaction';
import { saveDocument } from './pg-versioned-documents';

/** The PostgreSQL store's quick cart: the catalog document, orders, their payment reminders and payments. */
export function pgOrdersPart({ pool, reader, writeResult }: PgStoreContext): RelayStorePart<'orders'> {
  return {
    latestCatalog() {
      return latestCatalog(reader);
    },

    async saveCatalog(input) {
      return { answer: await writeResult((tx) => saveDocument(tx, CATALOG, { ...input, document: input.catalog })) };
    },

    beginOrderCreate(input) {
      return writeResult(async (tx) => {
        const repeat = await lockMutation(tx, input.mutationId, input.payload.conversationId);
        return repeat ? { kind: 'repeat', mutation: repeat } : beginOrderCreate(tx, input);
      });
    },

    beginOrderSendSummary(input) {
      return writeResult(async (tx) => {
        const repeat = await lockMutation(tx, input.mutationId, null);
        if (repeat) return { kind: 'repeat', mutation: repeat };
        return beginOrderSendSummary(tx, input, await lockedOrder(tx, input.orderId));
      });
    },

    setOrderStatus(input) {
      return writeResult(async (tx) => {
        const repeat = await lockMutation(tx, input.mutationId, null);
        if (repeat?.answer) return repeat.answer;
        return setOrderStatus(tx, input, await lockedOrder(tx, input.orderId));
      });
    },

    async queueDueReminders(input) {
      if (!(await hasDueReminders(pool, input.now))) return { queued: 0, pushes: [] };
      return writeResult((tx) => queueDueReminders(tx, input));
    },

    recordPaymentNotification(input) {
      return writeResult((tx) => recordPaymentNotification(tx, input));
    },

    getOrder(orderId) {
      return getOrder(reader, orderId);
    },
  };
}

/** The order read again after its conversation is locked (order mutations decide from its current state). */
async function lockedOrder(tx: PgTx, orderId: string): Promise<OrderRecord | null> {
  const seen = await getOrder(tx, orderId);
  if (!seen) return null;
  await tx.lock(LOCKS.conversation(seen.conversationId));
  return getOrder(tx, orderId);
}
