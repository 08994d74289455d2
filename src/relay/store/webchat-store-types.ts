import type { RelayEvent } from '../../shared/protocol';
import type { VisitorUploadStore } from './webchat-upload-store-types';

export type * from './webchat-upload-store-types';

/** A web chat conversation's customer: an anonymous visitor's own, or the shop's signed-in customer. */
export interface WebchatCustomer {
  /** The conversation key's customerId (random: `v_…` anonymous, `u_…` signed in). */
  customerId: string;
  /** conversationIdFor({ channel: 'webchat', accountId: WEBCHAT_ACCOUNT_ID, customerId }). */
  conversationId: string;
  /** What agents see until the conversation has a name: `網站訪客 <last 4>` or the shop's name for the customer. */
  displayName: string;
  /** The shop's own user id when signed in (setUser with a valid hash). */
  shopUserId: string | null;
}

/**
 * What the web chat's visitor side keeps (src/relay/store/sqlite-webchat.ts). Storing a visitor's message is
 * not here: it is an inbound item like any channel's (recordInbound, deduplicated by `webchat:<visitorId>:<clientId>`).
 */
export interface WebchatStore extends VisitorUploadStore {
  /** The customer an anonymous visitor writes as; null until they first write (nothing stored per connect). */
  findVisitorCustomer(visitorId: string): Promise<WebchatCustomer | null>;
  /** The same, created with a fresh customer id when missing. */
  ensureVisitorCustomer(visitorId: string, now: number): Promise<WebchatCustomer>;
  /** The shop's signed-in customer (created when missing); the name and email are kept as the shop last gave them. */
  ensureIdentifiedCustomer(input: { shopUserId: string; name: string; email: string | null; now: number }): Promise<WebchatCustomer>;
  /**
   * The events a visitor's view of the conversation is built from (customer messages, agent messages and their
   * delivery and edits), the newest `limit`, in seq order.
   */
  conversationMessageEvents(conversationId: string, limit: number): Promise<RelayEvent[]>;
  /** The seq up to which the visitor saw the conversation (0: nothing read). */
  readPosition(customerId: string): Promise<number>;
  /** Moves the read position forward; never back (two tabs may report out of order). */
  markRead(customerId: string, upToSeq: number, now: number): Promise<void>;
}
