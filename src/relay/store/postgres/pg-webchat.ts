import type pg from 'pg';
import type { EventRow } from '../sqlite-event-log';
import { rowToEvent } from '../sqlite-event-log';
import { newCustomerId, toCustomer, VISITOR_VIEW_TYPES, type CustomerRow } from '../sqlite-webchat';
import type { WebchatCustomer, WebchatStore } from '../webchat-store-types';
import { query } from './pg-query';
import { createPostgresVisitorUploadStore } from './pg-webchat-uploads';
import type { PgTx } from './pg-transaction';

/** PostgreSQL twin of sqlite-webchat.ts: the web chat's visitors and customers. */
async function findVisitorCustomer(db: pg.Pool | PgTx, visitorId: string): Promise<WebchatCustomer | null> {
  const sql = `SELECT c.customer_id, c.shop_user_id, c.display_name FROM webchat_visitors v
    JOIN webchat_customers c ON c.customer_id = v.customer_id WHERE v.visitor_id = $1`;
  const row = 'row' in db ? await db.row<CustomerRow>(sql, [visitorId]) : (await query<CustomerRow>(db, sql, [visitorId])).rows[0];
  return row ? toCustomer(row) : null;
}

async function ensureVisitorCustomer(tx: PgTx, visitorId: string, now: number): Promise<WebchatCustomer> {
  // Two tabs of one visitor writing first at the same moment (possibly through two relays) get one customer.
  await tx.lock(`webchat-visitor:${visitorId}`);
  const existing = await findVisitorCustomer(tx, visitorId);
  if (existing) return existing;
  const customerId = newCustomerId('v');
  const displayName = `網站訪客 ${customerId.slice(-4)}`;
  await tx.run(
    'INSERT INTO webchat_customers (customer_id, shop_user_id, display_name, email, created_at, updated_at) VALUES ($1, NULL, $2, NULL, $3, $3)',
    [customerId, displayName, now],
  );
  await tx.run('INSERT INTO webchat_visitors (visitor_id, customer_id, created_at) VALUES ($1, $2, $3)', [visitorId, customerId, now]);
  return toCustomer({ customer_id: customerId, shop_user_id: null, display_name: displayName });
}

async function ensureIdentifiedCustomer(tx: PgTx, input: { shopUserId: string; name: string; email: string | null; now: number }): Promise<WebchatCustomer> {
  await tx.lock(`webchat-user:${input.shopUserId}`);
  const row = await tx.row<CustomerRow>('SELECT customer_id, shop_user_id, display_name FROM webchat_customers WHERE shop_user_id = $1', [input.shopUserId]);
  if (row) {
    await tx.run('UPDATE webchat_customers SET display_name = $1, email = $2, updated_at = $3 WHERE customer_id = $4', [input.name, input.email, input.now, row.customer_id]);
    return toCustomer({ ...row, display_name: input.name });
  }
  const customerId = newCustomerId('u');
  await tx.run(
    'INSERT INTO webchat_customers (customer_id, shop_user_id, display_name, email, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)',
    [customerId, input.shopUserId, input.name, input.email, input.now],
  );
  return toCustomer({ customer_id: customerId, shop_user_id: input.shopUserId, display_name: input.name });
}

/** The web chat tables on PostgreSQL; `write` runs one transaction (pg-transaction.ts), reads use the pool. */
export function createPostgresWebchatStore(pool: pg.Pool, write: <T>(work: (tx: PgTx) => Promise<T>) => Promise<T>): WebchatStore {
  return {
    // Visitors' photos and files (pg-webchat-uploads.ts).
    ...createPostgresVisitorUploadStore(pool, write),
    findVisitorCustomer: (visitorId) => findVisitorCustomer(pool, visitorId),
    ensureVisitorCustomer: (visitorId, now) => write((tx) => ensureVisitorCustomer(tx, visitorId, now)),
    ensureIdentifiedCustomer: (input) => write((tx) => ensureIdentifiedCustomer(tx, input)),
    async conversationMessageEvents(conversationId, limit) {
      const result = await query<EventRow>(
        pool,
        `SELECT seq, type, conversation_id, occurred_at, payload FROM (
           SELECT seq, type, conversation_id, occurred_at, payload FROM events
            WHERE conversation_id = $1 AND type IN ${VISITOR_VIEW_TYPES} ORDER BY seq DESC LIMIT $2
         ) AS newest ORDER BY seq`,
        [conversationId, limit],
      );
      return result.rows.map(rowToEvent);
    },
    async readPosition(customerId) {
      const result = await query<{ read_up_to_seq: number }>(pool, 'SELECT read_up_to_seq FROM webchat_customers WHERE customer_id = $1', [customerId]);
      return result.rows[0]?.read_up_to_seq ?? 0;
    },
    async markRead(customerId, upToSeq, now) {
      await write((tx) =>
        tx.run('UPDATE webchat_customers SET read_up_to_seq = $1, updated_at = $2 WHERE customer_id = $3 AND read_up_to_seq < $1', [upToSeq, now, customerId]),
      );
    },
  };
}
