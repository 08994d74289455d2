import { randomUUID } from 'node:crypto';
import type { CatalogSavePayload, MutationAck, OrderCreatePayload, OrderSendSummaryPayload, OrderSetStatusPayload } from '../../shared/protocol';
import type { AuthenticatedAgent } from '../auth/agent-tokens';
import type { ReplySenderDeps } from '../delivery/reply-sender';
import { answerOrSend, sendAsDecided } from '../delivery/send-as-decided';
import type { RelayStore } from '../store/relay-store';
import { orderCreateAnswer } from './order-answer';

/**
 * order.create: the store creates the order (numbered, once per id) and decides the summary's delivery in
 * one transaction; the LINE call happens here, exactly like reply.send (a fresh token → one free reply with
 * held items riding along; a consented push; a summary LINE refuses with "Invalid reply token" is pushed only
 * with consent). The answer is the order as stored, with its summary's outcome.
 */
export async function createOrderMutation(
  deps: ReplySenderDeps,
  id: string,
  payload: OrderCreatePayload,
  agent: AuthenticatedAgent,
  waitForStoredAnswer: (mutationId: string) => Promise<MutationAck>,
): Promise<MutationAck> {
  const summaryMessageId = `msg_${randomUUID()}`;
  const begun = await deps.store.beginOrderCreate({
    mutationId: id,
    payload,
    summaryMessageId,
    agentName: agent.name,
    now: deps.now(),
    newRetryKey: randomUUID(),
    rules: deps.rules,
  });
  return sendSummaryAndAnswer(deps, begun, payload.orderId, { mutationId: id, messageId: summaryMessageId, pushConsent: payload.push === true, agent }, waitForStoredAnswer);
}

/** The summary was created (or the id repeated): call LINE as decided, then answer with the order as it is now. */
async function sendSummaryAndAnswer(
  deps: ReplySenderDeps,
  begun: Parameters<typeof answerOrSend>[0],
  orderId: string,
  own: Parameters<typeof sendAsDecided>[2],
  waitForStoredAnswer: (mutationId: string) => Promise<MutationAck>,
): Promise<MutationAck> {
  const next = answerOrSend(begun, own.mutationId, waitForStoredAnswer);
  if ('answer' in next) return next.answer;
  await sendAsDecided(deps, next.send, own);
  const order = await deps.store.getOrder(orderId);
  if (!order) throw new Error(`Order ${orderId} vanished while its summary was sent`);
  return orderCreateAnswer(order);
}

/**
 * order.sendSummary: the store checks the order and creates the new summary in one transaction (a repeated id
 * gets the stored answer); the LINE call and its settlement are order.create's, and so is the answer's shape.
 */
export async function sendOrderSummaryMutation(
  deps: ReplySenderDeps,
  id: string,
  payload: OrderSendSummaryPayload,
  agent: AuthenticatedAgent,
  waitForStoredAnswer: (mutationId: string) => Promise<MutationAck>,
): Promise<MutationAck> {
  const messageId = `msg_${randomUUID()}`;
  const pushConsent = payload.push === true;
  const begun = await deps.store.beginOrderSendSummary({
    mutationId: id,
    orderId: payload.orderId,
    push: pushConsent,
    messageId,
    agentName: agent.name,
    now: deps.now(),
    newRetryKey: randomUUID(),
    rules: deps.rules,
  });
  return sendSummaryAndAnswer(deps, begun, payload.orderId, { mutationId: id, messageId, pushConsent, agent }, waitForStoredAnswer);
}

export async function setOrderStatusMutation(store: RelayStore, id: string, payload: OrderSetStatusPayload, agent: AuthenticatedAgent, now: number): Promise<MutationAck> {
  return await store.setOrderStatus({ mutationId: id, orderId: payload.orderId, status: payload.status, agentName: agent.name, now });
}

/** catalog.save (any agent, like rules.save): the payload was already checked with catalogSchema. */
export async function saveCatalogMutation(store: RelayStore, id: string, payload: CatalogSavePayload, agent: AuthenticatedAgent, now: number): Promise<MutationAck> {
  return (await store.saveCatalog({ mutationId: id, catalog: payload.catalog, baseVersion: payload.baseVersion, agentName: agent.name, now })).answer;
}
