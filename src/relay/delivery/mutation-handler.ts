import { randomUUID } from 'node:crypto';
import {
  mutationEnvelopeSchema,
  mutationSchema,
  type AnyMutationAck,
  type Mutation,
  type MutationAck,
  type ReplySendPayload,
} from '../../shared/protocol';
import type { AuthenticatedAgent } from '../auth/agent-tokens';
import { describeZodError } from '../channels/line/callback-schema';
import { createOrderMutation, saveCatalogMutation, sendOrderSummaryMutation, setOrderStatusMutation } from '../orders/order-mutations';
import { saveRulesMutation } from '../rules/save-rules';
import { RELAY_MUTATION_ID_PREFIX } from '../rules/auto-reply';
import { mutationPayloadHash } from './mutation-payload-hash';
import { markConversationRead } from './read-and-typing';
import { applyReplyAction } from './reply-actions';
import { refuseOverlongText } from './reply-text-limit';
import type { ReplySenderDeps } from './reply-sender';
import { answerOrSend, sendAsDecided } from './send-as-decided';
import { resolveOutboundContent } from './content-reply';
import type { OutboundContent } from '../store/relay-store';
import { applyTagMutation, isTagMutation, type TagMutation } from './tag-mutations';
import { applyTeamMutation, isTeamMutation, refuseByRole, type TeamMutation } from '../team/team-mutations';
import { applySuggestionLearning } from './suggestion-learning';

export interface MutationHandlerOptions {
  /** How long a repeated id waits for the first attempt (possibly in another relay process) to finish. */
  repeatWaitMs?: number;
  repeatPollMs?: number;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set<string>(mutationSchema.options.map((option) => option.shape.type.value));

/**
 * Applies agent mutations exactly once per id. The answer is stored with the effect; a repeat returns
 * it. While the first attempt is in flight a repeat waits: in this process on its promise, across
 * processes by polling the stored answer.
 */
export function createMutationHandler(deps: ReplySenderDeps, options: MutationHandlerOptions = {}) {
  const repeatWaitMs = options.repeatWaitMs ?? 30_000;
  const repeatPollMs = options.repeatPollMs ?? 50;
  const inFlight = new Map<string, Promise<MutationAck>>();

  async function waitForStoredAnswer(mutationId: string): Promise<MutationAck> {
    const deadline = Date.now() + repeatWaitMs;
    for (;;) {
      const stored = await deps.store.getMutation(mutationId);
      if (stored?.state === 'done' && stored.answer) return stored.answer;
      if (Date.now() >= deadline) {
        return { ok: false, code: 'INTERNAL', message: 'The first attempt of this mutation is still in progress; retry later with the same id' };
      }
      await new Promise((resolve) => setTimeout(resolve, repeatPollMs));
    }
  }

  async function replySend(
    id: string,
    payload: Pick<ReplySendPayload, 'conversationId' | 'text' | 'push' | 'quoteOf'>,
    agent: AuthenticatedAgent,
    content: OutboundContent | null = null,
  ): Promise<MutationAck> {
    const messageId = `msg_${randomUUID()}`;
    const begun = await deps.store.beginReplySend({
      mutationId: id,
      messageId,
      conversationId: payload.conversationId,
      text: payload.text,
      agentName: agent.name,
      now: deps.now(),
      pushConsent: payload.push === true,
      newRetryKey: randomUUID(),
      rules: deps.rules,
      content,
      quoteOf: payload.quoteOf ?? null,
    });
    const next = answerOrSend(begun, id, waitForStoredAnswer);
    if ('answer' in next) return next.answer;
    return sendAsDecided(deps, next.send, { mutationId: id, messageId, pushConsent: payload.push === true, agent });
  }

  async function dispatch(data: Exclude<Mutation, TagMutation | TeamMutation>, agent: AuthenticatedAgent): Promise<MutationAck> {
    const { id } = data;
    if (data.type === 'reply.send' || data.type === 'reply.edit') {
      const refused = await refuseOverlongText(deps.store, data);
      if (refused) return refused;
    }
    switch (data.type) {
      case 'rules.save':
        return saveRulesMutation(deps.store, id, data.payload, agent, deps.now());
      case 'catalog.save':
        return saveCatalogMutation(deps.store, id, data.payload, agent, deps.now());
      case 'order.setStatus':
        return setOrderStatusMutation(deps.store, id, data.payload, agent, deps.now());
      case 'order.create':
        return createOrderMutation(deps, id, data.payload, agent, waitForStoredAnswer);
      case 'order.sendSummary':
        return sendOrderSummaryMutation(deps, id, data.payload, agent, waitForStoredAnswer);
      case 'reply.send':
        return replySend(id, data.payload, agent);
      case 'reply.sendContent': {
        // A repeat gets the stored answer even if the upload or settings changed since.
        const stored = await deps.store.getMutation(id);
        if (stored) return stored.state === 'done' && stored.answer ? stored.answer : waitForStoredAnswer(id);
        const resolved = await resolveOutboundContent(deps.store, data.payload, deps.publicBaseUrl ?? null);
        if (!resolved.ok) return resolved.answer;
        return replySend(id, { ...data.payload, text: resolved.text }, agent, resolved.content);
      }
      case 'conversation.markRead':
        return markConversationRead(deps, id, data.payload.conversationId, agent, waitForStoredAnswer);
      case 'suggestion.feedback':
      case 'suggestion.review':
        return applySuggestionLearning(deps.store, data, agent, deps.now());
      default:
        return applyReplyAction(deps, data, agent, waitForStoredAnswer);
    }
  }

  async function apply(frame: unknown, agent: AuthenticatedAgent): Promise<AnyMutationAck> {
    const envelope = mutationEnvelopeSchema.safeParse(frame);
    if (!envelope.success) {
      return { ok: false, code: 'INVALID_MUTATION', message: `Malformed mutation: ${describeZodError(envelope.error)}` };
    }
    if (!KNOWN_TYPES.has(envelope.data.type)) {
      return { ok: false, code: 'UNKNOWN_MUTATION', message: `This relay does not know the mutation type "${envelope.data.type}"` };
    }
    const mutation = mutationSchema.safeParse(envelope.data);
    if (!mutation.success) {
      return { ok: false, code: 'INVALID_MUTATION', message: `Invalid ${envelope.data.type}: ${describeZodError(mutation.error)}` };
    }
    const { id } = mutation.data;
    // A role that may not send this is refused before the id is bound, so it takes nothing from anyone.
    const forbidden = refuseByRole(mutation.data.type, agent);
    if (forbidden) return forbidden;
    if (id.startsWith(RELAY_MUTATION_ID_PREFIX)) {
      return { ok: false, code: 'INVALID_MUTATION', message: `Mutation ids starting with "${RELAY_MUTATION_ID_PREFIX}" are reserved for the relay` };
    }
    // The id is bound to this agent (by name), type and payload before anything else is looked up, so a
    // repeat by anyone else, or with another payload, never reaches a stored answer or in-flight attempt.
    const claim = await deps.store.claimMutationId({
      id,
      agentName: agent.name,
      type: mutation.data.type,
      payloadHash: mutationPayloadHash(mutation.data.type, mutation.data.payload),
      now: deps.now(),
    });
    if (claim.kind === 'reused') return claim.answer;
    if (isTagMutation(mutation.data)) return applyTagMutation(deps.store, mutation.data, agent, deps.now());
    if (isTeamMutation(mutation.data)) return applyTeamMutation(deps.store, mutation.data, agent, deps.now());
    const running = inFlight.get(id);
    if (running) return running;
    const data = mutation.data;
    const work = dispatch(data, agent).finally(() => inFlight.delete(id));
    inFlight.set(id, work);
    return work;
  }

  return { apply, inFlightCount: () => inFlight.size, whenIdle: () => Promise.allSettled([...inFlight.values()]) };
}
export type MutationHandler = ReturnType<typeof createMutationHandler>;
