import type { ConversationSummary } from '../../../shared/ipc';
import type { InboxView } from '../../../shared/workflow/conversation-status';

/** Newest first, ties broken by id descending — the order inbox:list pages in. */
export function compareConversations(a: ConversationSummary, b: ConversationSummary): number {
  const byTime = (b.lastMessageAt ?? -1) - (a.lastMessageAt ?? -1);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The keyset cursor for the page after `conversations`. */
export function nextPageCursor(conversations: readonly ConversationSummary[]): { lastMessageAt: number; id: string } | null {
  const last = conversations[conversations.length - 1];
  if (!last) return null;
  return { lastMessageAt: last.lastMessageAt ?? 0, id: last.id };
}

/** 需回覆 / Needs reply: the customer who has waited longest first, ties by id — the order it pages in. */
export function compareByWaiting(a: ConversationSummary, b: ConversationSummary): number {
  const byWait = (a.workflow?.waitingSince ?? Number.MAX_SAFE_INTEGER) - (b.workflow?.waitingSince ?? Number.MAX_SAFE_INTEGER);
  if (byWait !== 0) return byWait;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The keyset cursor of the Needs reply view after `conversations`. */
export function nextWaitingCursor(conversations: readonly ConversationSummary[]): { waitingSince: number; id: string } | null {
  const last = conversations[conversations.length - 1];
  if (!last || last.workflow?.waitingSince === undefined || last.workflow.waitingSince === null) return null;
  return { waitingSince: last.workflow.waitingSince, id: last.id };
}

/**
 * Applies a refreshed head of the list: fresh rows replace their old copies, older rows loaded by earlier
 * pages stay (a conversation that moved to the top is not duplicated).
 */
export function mergeConversationHead(
  loaded: readonly ConversationSummary[],
  head: readonly ConversationSummary[],
  headIsWholeList: boolean,
  view?: InboxView,
): ConversationSummary[] {
  if (headIsWholeList) return [...head];
  const byId = new Map<string, ConversationSummary>();
  for (const conversation of loaded) byId.set(conversation.id, conversation);
  for (const conversation of head) byId.set(conversation.id, conversation);
  return [...byId.values()].sort(view === 'needs_reply' ? compareByWaiting : compareConversations);
}

/** Client-side name filter over what is loaded (case- and width-insensitive). */
export function filterByName(conversations: readonly ConversationSummary[], query: string): ConversationSummary[] {
  const needle = query.normalize('NFKC').trim().toLowerCase();
  if (!needle) return [...conversations];
  return conversations.filter((conversation) => conversation.displayName.normalize('NFKC').toLowerCase().includes(needle));
}
