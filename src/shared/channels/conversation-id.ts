import type { Channel } from '../protocol/events';

/**
 * One conversation per (channel, account, customer). LINE conversations keep the ids they always had
 * (`line:<userId|groupId|roomId>`, one LINE account per relay); other channels name their account, so a relay
 * serving two Facebook pages keeps their customers apart: `messenger:<pageId>:<psid>`.
 */
export function conversationIdFor(key: { channel: Channel; accountId: string; customerId: string }): string {
  if (key.channel === 'line') return `line:${key.customerId}`;
  return `${key.channel}:${key.accountId}:${key.customerId}`;
}

/** The account id web chat conversations use (one site per relay). */
export const WEBCHAT_ACCOUNT_ID = 'web';
