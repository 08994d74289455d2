import { checkText, describeTextProblem } from '../../shared/channels/capabilities';
import type { Mutation, MutationError } from '../../shared/protocol';
import type { RelayStore } from '../store/relay-store';

type TextMutation = Extract<Mutation, { type: 'reply.send' | 'reply.edit' }>;

/**
 * The mutation schema only bounds text by what any channel accepts; here the conversation's own channel
 * decides (LINE counts UTF-16 code units: 2,600 emoji are 5,200 and LINE would refuse them). Nothing is stored
 * for a refusal, and a repeat of the same id is refused the same way. An unknown conversation or message is
 * left to the store, which answers UNKNOWN_CONVERSATION / UNKNOWN_MESSAGE.
 */
export async function refuseOverlongText(store: RelayStore, mutation: TextMutation): Promise<MutationError | null> {
  const conversationId =
    mutation.type === 'reply.send' ? mutation.payload.conversationId : (await store.getOutboundMessage(mutation.payload.messageId))?.conversationId;
  const channel = conversationId ? (await store.getConversation(conversationId))?.channel : undefined;
  if (!channel) return null;
  const check = checkText(channel, mutation.payload.text);
  if (check.ok) return null;
  return { ok: false, code: 'INVALID_MUTATION', message: `Invalid ${mutation.type}: ${describeTextProblem(channel, check)}` };
}
