import { visitorIdSchema } from '../shared/protocol/webchat';
import { randomVisitorId } from './random-ids';

export const VISITOR_ID_KEY = 'shopInboxChat.visitorId';

/** The minimal part of Storage we use, so tests and blocked-storage pages can pass their own. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * The visitor's id from the page's localStorage, or a new one stored there, so a reload or a later visit
 * opens the same conversation. When storage is blocked (privacy settings) the id lives for this page only.
 */
export function loadVisitorId(storage: KeyValueStorage | null): string {
  try {
    const kept = storage?.getItem(VISITOR_ID_KEY);
    if (kept && visitorIdSchema.safeParse(kept).success) return kept;
  } catch {
    // Reading storage can throw (sandboxed iframes, blocked cookies): fall through to a fresh id.
  }
  const id = randomVisitorId();
  try {
    storage?.setItem(VISITOR_ID_KEY, id);
  } catch {
    // Quota or privacy mode: the conversation lasts for this page view only.
  }
  return id;
}
