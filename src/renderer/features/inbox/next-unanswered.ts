import type { InboxApi } from '../../../shared/ipc';

/**
 * The conversation "next unanswered" opens: the customer who has waited longest for an answer, after the one
 * open now. The one place that decides it, so a "needs reply" queue can take over without touching callers.
 */
export async function nextUnanswered(api: InboxApi, openConversationId: string | null): Promise<string | null> {
  const { conversationId } = await api.invoke('attention:nextUnanswered', { after: openConversationId });
  return conversationId;
}
