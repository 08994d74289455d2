import type { InboxApi } from '../../../shared/ipc/contract';
import { feedbackVerdictFor } from './feedback-verdict';

/** A suggestion the agent put into the composer: what it was for, so sending it teaches the rule. */
export interface InsertedSuggestion {
  ruleId: string;
  /** The customer message it was suggested for. */
  messageId: string;
  reply: string;
}

type Invoke = Pick<InboxApi, 'invoke'>;

/**
 * The agent sent a reply that began as `inserted`: as is or edited, the customer's message becomes an
 * example of the rule (queued by the core, offline-safe). A reply rewritten beyond recognition teaches
 * nothing. Never throws: learning must not get in the way of replying.
 */
export function reportSentSuggestion(api: Invoke, conversationId: string, inserted: InsertedSuggestion | null, sent: string): void {
  if (!inserted) return;
  const verdict = feedbackVerdictFor(sent, inserted.reply);
  if (verdict === null) return;
  void api.invoke('suggestions:feedback', { conversationId, messageId: inserted.messageId, ruleId: inserted.ruleId, verdict }).catch(() => undefined);
}

/** "Not this one": counts against the rule for this phrasing and takes it away for this message. */
export async function rejectSuggestion(api: Invoke, conversationId: string, messageId: string, ruleId: string): Promise<{ ok: boolean; message?: string }> {
  return api.invoke('suggestions:feedback', { conversationId, messageId, ruleId, verdict: 'rejected' });
}
