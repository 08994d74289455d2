import type { InboxApi } from '../../../shared/ipc';

/**
 * The conversation "next unanswered" opens: the next one in the Needs reply queue (the customer who has waited
 * longest for an answer, after the one open now). The one place that decides it.
 */
export async function nextUnanswered(api: InboxApi, openConversationId: string | null): Promise<string | null> {
  const { conversationId } = await api.invoke('workflow:nextWaiting', { afterId: openConversationId });
  return conversationId;
}
