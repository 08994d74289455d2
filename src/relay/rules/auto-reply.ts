import { channelOfConversationId } from '../../shared/channels/conversation-id';
import type { RelayEvent } from '../../shared/protocol';
import { createSuggestionEngine, isConfidentKeywordMatch, type SuggestionEngine } from '../../shared/suggestions';
import type { SuggestionRule } from '../../shared/suggestions/rules-schema';
import type { ReplySenderDeps } from '../delivery/reply-sender';
import { sendRelayAnswer } from './relay-answer';
import type { InboundResult } from '../store/relay-store';

/** The name shown as the author of automatic replies (clients label them from the `auto` flag). */
export const AUTO_REPLY_AGENT_NAME = '自動回覆';
/** Mutation ids of the relay's own answers (`auto:<LINE message id>`); agents may not send ids like these. */
export const RELAY_MUTATION_ID_PREFIX = 'auto:';

export type AutoReplyOutcome =
  | { kind: 'sent'; ruleId: string; delivery: string }
  | {
      kind: 'not_sent';
      why: 'no_rules' | 'not_a_question' | 'no_confident_keyword' | 'rule_not_auto_send' | 'agent_typing' | 'no_fresh_token' | 'already_answered';
    };

interface BuiltRules {
  version: number;
  engine: SuggestionEngine;
  rulesById: Map<string, SuggestionRule>;
}

/** The newest customer text message per conversation whose window (re)opened with it in this batch. */
export function autoReplyCandidates(result: InboundResult): Extract<RelayEvent, { type: 'message.received' }>[] {
  const withWindow = new Set(result.conversationsWithNewWindow);
  const newest = new Map<string, Extract<RelayEvent, { type: 'message.received' }>>();
  for (const event of result.appended) {
    if (event.type !== 'message.received' || !withWindow.has(event.conversationId)) continue;
    // LINE: only the message that brought the usable token (a late one in the same body brought none).
    // Words the customer wrote: a text, or what they typed on a message sticker ("我要退貨").
    const hasWords = event.payload.kind === 'text' || (event.payload.kind === 'sticker' && event.payload.sticker?.text !== undefined);
    if (!hasWords || (channelOfConversationId(event.conversationId) === 'line' && event.payload.replyTokenReceivedAt === null)) continue;
    newest.set(event.conversationId, event);
  }
  return [...newest.values()];
}

/**
 * Answers a customer message by itself when the shop allowed it: the message must be a question (its
 * dialogue act) and the best suggestion a confident keyword match (isConfidentKeywordMatch) of a rule
 * marked autoSend. Everything that decides the effect is
 * in the shared store: the rules version, agents' typing presence, the reply token and the mutation id
 * `auto:<LINE message id>`, which makes it once per customer message across redeliveries and processes.
 * The engine is cached per rules version (each relay process builds its own).
 */
export function createAutoReplier(deps: ReplySenderDeps) {
  let built: BuiltRules | null = null;

  async function currentRules(): Promise<BuiltRules | null> {
    const version = await deps.store.latestRulesVersion();
    if (version === 0) return null;
    if (built?.version === version) return built;
    const stored = await deps.store.latestRules();
    if (!stored) return null;
    built = {
      version: stored.version,
      engine: createSuggestionEngine(stored.rules),
      rulesById: new Map(stored.rules.map((rule) => [rule.id, rule])),
    };
    return built;
  }

  async function answer(conversationId: string, message: { messageId: string; text: string }): Promise<AutoReplyOutcome> {
    const rules = await currentRules();
    if (!rules) return { kind: 'not_sent', why: 'no_rules' };
    // Only a question is answered without an agent: a complaint or a request deserves a person, and
    // thanks, "OK" or an ad that names a topic get no answer at all.
    const { act, suggestions } = rules.engine.analyze(message.text);
    if (act !== 'question') return { kind: 'not_sent', why: 'not_a_question' };
    const top = suggestions[0];
    if (!top || !isConfidentKeywordMatch(top)) return { kind: 'not_sent', why: 'no_confident_keyword' };
    const rule = rules.rulesById.get(top.ruleId);
    if (!rule?.autoSend) return { kind: 'not_sent', why: 'rule_not_auto_send' };

    const mutationId = `${RELAY_MUTATION_ID_PREFIX}${message.messageId}`;
    const outcome = await sendRelayAnswer(deps, { mutationId, conversationId, text: rule.reply, agentName: AUTO_REPLY_AGENT_NAME });
    if (outcome.kind === 'skipped') return { kind: 'not_sent', why: outcome.reason };
    if (outcome.kind === 'repeat') return { kind: 'not_sent', why: 'already_answered' };
    return { kind: 'sent', ruleId: rule.id, delivery: outcome.delivery };
  }

  return {
    answer,
    /** Builds the index for the current rules ahead of the first customer message. */
    warmUp(): Promise<unknown> {
      return currentRules();
    },
  };
}
export type AutoReplier = ReturnType<typeof createAutoReplier>;
