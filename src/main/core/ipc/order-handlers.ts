import { parseCatalogCsv } from '../../../shared/catalog/catalog-csv';
import { catalogSaveAckSchema } from '../../../shared/protocol/mutations';
import { getLocalCatalog } from '../catalog/catalog-store';
import { changeOrderStatus, createOrder } from '../orders/enqueue-order';
import { orderScopes } from '../orders/order-outbox';
import { getOrderView, listOrderViews, orderCountsByStatus } from '../orders/order-queries';
import { sendOrderSummary } from '../orders/send-summary';
import type { LocalDatabase } from '../store/database';
import type { SessionManager } from '../session/session-manager';
import { mutateOnRelayNow } from './direct-mutation';
import type { IpcHandlers } from './handlers';

type OrderChannel = Extract<keyof IpcHandlers, `catalog:${string}` | `orders:${string}`>;

export interface OrderHandlerContext {
  db: () => LocalDatabase;
  now: () => number;
  notify: (scopes: string[]) => void;
  kickOutbox: () => void;
  session: Pick<SessionManager, 'mutateNow'>;
}

/** Handlers for the catalog and order channels of the IPC contract (src/shared/ipc/order-contract.ts). */
export function createOrderHandlers(context: OrderHandlerContext): Pick<IpcHandlers, OrderChannel> {
  const { db, now } = context;
  return {
    'catalog:get': () => getLocalCatalog(db()),
    'catalog:previewCsv': (input) => {
      if (input.text.trim() === '') return { ok: false as const, code: 'EMPTY_FILE', message: 'The file is empty' };
      return { ok: true as const, preview: parseCatalogCsv(input.text, getLocalCatalog(db()).catalog) };
    },
    'catalog:save': async (input) => {
      const result = await mutateOnRelayNow(context.session, { type: 'catalog.save', payload: input }, catalogSaveAckSchema, 'catalog');
      return result.ok ? { ok: true as const, version: result.version } : result;
    },

    'orders:create': (input) => {
      const result = createOrder(db(), input, now);
      if (result.ok) {
        context.notify(orderScopes(input.conversationId));
        context.kickOutbox();
      }
      return result;
    },
    'orders:list': (input) => ({ orders: listOrderViews(db(), input), counts: orderCountsByStatus(db()) }),
    'orders:get': (input) => getOrderView(db(), input.orderId),
    'orders:setStatus': (input) => {
      const result = changeOrderStatus(db(), input, now);
      if (!result.ok) return result;
      context.notify(orderScopes(result.conversationId));
      context.kickOutbox();
      return { ok: true as const };
    },
    'orders:sendSummary': (input) => {
      const result = sendOrderSummary(db(), input, now);
      if (!result.ok) return result;
      context.notify(orderScopes(result.conversationId));
      context.kickOutbox();
      return { ok: true as const };
    },
  };
}
