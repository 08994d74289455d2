/**
 * Conversations whose composer holds a reply the agent typed and has not sent, for the "free window is
 * closing" warning. The composer reports its text; sending clears it.
 */
const typed = new Set<string>();

export function noteComposerText(conversationId: string, text: string): void {
  if (text.trim() === '') typed.delete(conversationId);
  else typed.add(conversationId);
}

export function conversationsWithTypedReply(): string[] {
  return [...typed];
}
