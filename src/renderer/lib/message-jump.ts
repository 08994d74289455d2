import type { MessageView } from '../../shared/ipc';
import type { MessageRow } from './message-rows';

/** A message's keyset position: what `conversation:messages` pages by. */
export interface MessageKey {
  id: string;
  createdAt: number;
}

/**
 * "Open the conversation at this message": set by a search hit, consumed by the conversation view. Each
 * click makes a new object, so clicking the same hit again jumps again (the agent may have scrolled away).
 */
export interface JumpTarget extends MessageKey {
  conversationId: string;
  /** The search text, marked inside the message while it is highlighted. */
  query: string;
}

/** Messages loaded above the hit before jumping, so it does not land at the very top and trigger more paging. */
export const JUMP_CONTEXT_MESSAGES = 30;
/** Page size while looking for the hit: fewer round trips than the 100 of ordinary scrolling (contract max 500). */
export const JUMP_PAGE_SIZE = 500;
/** Gives up after this many pages (50,000 messages) rather than growing the list without bound. */
export const JUMP_MAX_PAGES = 100;

export interface OlderPage {
  /** Oldest first, as `conversation:messages` answers. */
  messages: MessageView[];
  hasMore: boolean;
}

export interface PagingResult {
  /** Every message the extra pages brought (to merge into what is loaded). */
  older: MessageView[];
  hasMore: boolean;
  found: boolean;
}

/** Keyset order (createdAt, then id), the order of the store's paging query. */
export function compareKeys(a: MessageKey, b: MessageKey): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The virtual-list row of a message, or -1 while it is not loaded. */
export function findMessageRowIndex(rows: readonly MessageRow[], messageId: string): number {
  return rows.findIndex((row) => row.kind === 'message' && row.message.id === messageId);
}

/**
 * Pages towards older messages (keyset `before` the oldest loaded one) until `target` is loaded with
 * JUMP_CONTEXT_MESSAGES above it. The loaded messages are always one contiguous run ending at the newest, so
 * once the oldest loaded message is older than the target without containing it, the target is gone (deleted
 * or moved by a resync) and paging stops instead of walking the whole history.
 * `fetchOlder` resolving to undefined (a failed call, already reported) stops paging too.
 */
export async function pageUntilLoaded(
  loaded: { messages: readonly MessageView[]; hasMore: boolean },
  target: MessageKey,
  fetchOlder: (before: MessageKey) => Promise<OlderPage | undefined>,
  limits: { context?: number; maxPages?: number } = {},
): Promise<PagingResult> {
  const context = limits.context ?? JUMP_CONTEXT_MESSAGES;
  const maxPages = limits.maxPages ?? JUMP_MAX_PAGES;
  const older: MessageView[] = [];
  let oldest: MessageView | undefined = loaded.messages[0];
  let hasMore = loaded.hasMore;
  // How many loaded messages sit above the target, once it is found.
  let above = loaded.messages.findIndex((message) => message.id === target.id);
  let found = above >= 0;

  for (let pages = 0; pages < maxPages && hasMore && oldest; pages++) {
    if (found && above >= context) break;
    if (!found && compareKeys(oldest, target) < 0) break;
    const page = await fetchOlder({ id: oldest.id, createdAt: oldest.createdAt });
    if (!page) break;
    older.push(...page.messages);
    hasMore = page.hasMore;
    if (found) {
      above += page.messages.length;
    } else {
      above = page.messages.findIndex((message) => message.id === target.id);
      found = above >= 0;
    }
    oldest = page.messages[0];
  }
  return { older, hasMore, found };
}
