import type { RelayStorePart } from './relay-store-parts';
import { latestCatalogSync, saveCatalogSync } from './sqlite-catalog';
import { getOrderSync } from './sqlite-order-queries';
import { hasDueRemindersSync, queueDueRemindersSync } from './sqlite-order-reminders';
import { beginOrderSendSummarySync } from './sqlite-order-summary';
import { beginOrderCreateSync, setOrderStatusSync } from './sqlite-orders';
import { recordPaymentNotificationSync } from './sqlite-payments';
import type { SqliteStoreContext } from './sqlite-store-context';

/** The SQLite store's quick cart: the catalog document, orders, their payment reminders and payments. */
export function sqliteOrdersPart({ db, writeAndNotify }: SqliteStoreContext): RelayStorePart<'orders'> {
  return {
    async latestCatalog() {
      return latestCatalogSync(db);
    },

    async saveCatalog(input) {
      return writeAndNotify(() => saveCatalogSync(db, input));
    },

    async beginOrderCreate(input) {
      return writeAndNotify(() => beginOrderCreateSync(db, input));
    },

    async beginOrderSendSummary(input) {
      return writeAndNotify(() => beginOrderSendSummarySync(db, input));
    },

    async setOrderStatus(input) {
      return writeAndNotify(() => setOrderStatusSync(db, input));
    },

    async queueDueReminders(input) {
      if (!hasDueRemindersSync(db, input.now)) return { queued: 0, pushes: [] };
      return writeAndNotify(() => queueDueRemindersSync(db, input));
    },

    async recordPaymentNotification(input) {
      return writeAndNotify(() => recordPaymentNotificationSync(db, input));
    },

    async getOrder(orderId) {
      return getOrderSync(db, orderId);
    },
  };
}
