import type { RelayEventOf } from '../../shared/protocol';
import type { ReplySenderDeps } from '../delivery/reply-sender';
import { sendRelayAnswer } from './relay-answer';
import type { InboundResult } from '../store/relay-store';
import { RELAY_MUTATION_ID_PREFIX } from './auto-reply';

/** The author the team sees on the shop's welcome (clients label it an automatic reply from the `auto` flag). */
export const WELCOME_AGENT_NAME = '歡迎訊息';

export type WelcomeOutcome =
  | { kind: 'sent'; delivery: string }
  | { kind: 'not_sent'; why: 'off' | 'agent_typing' | 'no_fresh_token' | 'already_sent' };

/**
 * LINE follows of this batch whose own reply token opened the conversation's window and is still its newest
 * (nothing later in the batch brought another): a welcome answers the follow, not a message after it. A late or
 * redelivered follow whose token is dead opened no window and gets nothing.
 */
export function welcomeCandidates(result: InboundResult): RelayEventOf<'channel.event'>[] {
  const follows = new Map<string, RelayEventOf<'channel.event'>>();
  let previous: InboundResult['appended'][number] | undefined;
  for (const event of result.appended) {
    const conversationId = 'conversationId' in event ? event.conversationId : undefined;
    if (conversationId && event.type === 'conversation.replyWindow' && event.payload.tokenReceivedAt !== null) follows.delete(conversationId);
    const openedByThisFollow =
      previous?.type === 'conversation.replyWindow' && previous.conversationId === conversationId && previous.payload.tokenReceivedAt !== null;
    if (conversationId && event.type === 'channel.event' && event.payload.channel === 'line' && event.payload.eventType === 'follow' && openedByThisFollow) {
      follows.set(conversationId, event);
    }
    previous = event;
  }
  return [...follows.values()];
}

/**
 * Sends the shop's welcome (inbox settings, `welcome.text`) by itself, free with a follow's reply token. Decided in
 * the store like an automatic answer (beginAutoReply): not while an agent types in the conversation, only with a
 * fresh unused token — never held, never pushed — and once per follow, under the mutation id
 * `auto:welcome:<seq of the follow>` (redeliveries store no new follow; other relay processes find the id taken).
 */
export function createWelcomer(deps: ReplySenderDeps) {
  return async function welcome(conversationId: string, follow: Pick<RelayEventOf<'channel.event'>, 'seq'>): Promise<WelcomeOutcome> {
    const text = (await deps.store.latestInboxSettings())?.settings.welcome?.text;
    if (!text) return { kind: 'not_sent', why: 'off' };
    const mutationId = `${RELAY_MUTATION_ID_PREFIX}welcome:${follow.seq}`;
    const outcome = await sendRelayAnswer(deps, { mutationId, conversationId, text, agentName: WELCOME_AGENT_NAME });
    if (outcome.kind === 'skipped') return { kind: 'not_sent', why: outcome.reason };
    if (outcome.kind === 'repeat') return { kind: 'not_sent', why: 'already_sent' };
    return outcome;
  };
}
export type Welcomer = ReturnType<typeof createWelcomer>;
