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

const CHANNEL_PREFIXES = ['line', 'messenger', 'instagram', 'webchat'] as const satisfies readonly Channel[];

/** The channel a conversation id belongs to (its prefix), or null for an id no channel made. */
export function channelOfConversationId(conversationId: string): Channel | null {
  const prefix = conversationId.slice(0, conversationId.indexOf(':'));
  return (CHANNEL_PREFIXES as readonly string[]).includes(prefix) ? (prefix as Channel) : null;
}
