import type { Channel } from '../protocol/events';

/**
 * Who a conversation is with: one customer, or a LINE group or room where each line has its own writer (a member,
 * `senderId`). Tags, the customer's notes and segments are about people, so in a group they belong to members.
 */
export type ChatType = 'one_to_one' | 'group' | 'room';
export const CHAT_TYPES = ['one_to_one', 'group', 'room'] as const satisfies readonly ChatType[];

/** LINE names a chat by its id: a user U…, a group C…, a room R… (32 hex digits each); other channels are one-to-one. */
export function chatTypeOf(channel: Channel, friendId: string): ChatType {
  if (channel !== 'line') return 'one_to_one';
  if (/^C[0-9a-f]{32}$/i.test(friendId)) return 'group';
  if (/^R[0-9a-f]{32}$/i.test(friendId)) return 'room';
  return 'one_to_one';
}

/** What a group member is called before their name is known: 「成員 …1a2b」 (the end of their LINE id). */
export function memberStandInName(memberId: string): string {
  return `成員 …${memberId.slice(-4)}`;
}
