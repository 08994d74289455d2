import type { WebchatMessage } from '../shared/protocol/webchat';

/**
 * What the panel shows: the relay's stored messages in order, then the visitor's own messages that are still
 * on their way (or failed). Pure, so its merging rules are tested without a browser.
 *
 * A stored message can reach us twice — as the `send` acknowledgement and as a live `message` frame (the
 * relay tells every tab of the visitor), and again in `history` after a reconnect — so stored messages are
 * kept by relay id and each is announced once.
 */

export type EntryState = 'stored' | 'sending' | 'failed';

export interface LogEntry {
  /** Relay id for stored messages; `local:<clientId>` for the visitor's messages not stored yet. */
  key: string;
  text: string;
  from: WebchatMessage['from'];
  at: number;
  state: EntryState;
  /** A photo or file the shop sent. */
  attachment?: WebchatMessage['attachment'];
}

export interface MessageLog {
  entries(): readonly LogEntry[];
  /** Replaces the stored part with the relay's whole conversation; unsent local messages stay below it. */
  replaceWithHistory(messages: readonly WebchatMessage[]): void;
  /** Adds a stored message; false when it was already there (nothing to announce). */
  addStored(message: WebchatMessage): boolean;
  addSending(clientId: string, text: string, at: number): void;
  /** The relay stored the local message: it becomes `message`. False when it had already arrived. */
  confirm(clientId: string, message: WebchatMessage): boolean;
  fail(clientId: string): void;
  remove(clientId: string): void;
  /** The newest stored message's id (what `read` reports), or null. */
  newestStoredId(): string | null;
}

const localKey = (clientId: string) => `local:${clientId}`;

export function createMessageLog(): MessageLog {
  let stored: LogEntry[] = [];
  let storedIds = new Set<string>();
  let local: LogEntry[] = [];

  const toEntry = (message: WebchatMessage): LogEntry => ({
    key: message.id,
    text: message.text,
    from: message.from,
    at: message.at,
    state: 'stored',
    ...(message.attachment ? { attachment: message.attachment } : {}),
  });
  const insertStored = (message: WebchatMessage) => {
    storedIds.add(message.id);
    // Usually the newest; a late frame still lands in time order.
    let index = stored.length;
    while (index > 0 && stored[index - 1]!.at > message.at) index -= 1;
    stored.splice(index, 0, toEntry(message));
  };
  const withoutLocal = (clientId: string) => {
    local = local.filter((entry) => entry.key !== localKey(clientId));
  };

  return {
    entries: () => [...stored, ...local],
    replaceWithHistory(messages) {
      stored = messages.map(toEntry);
      storedIds = new Set(messages.map((message) => message.id));
    },
    addStored(message) {
      if (storedIds.has(message.id)) return false;
      insertStored(message);
      return true;
    },
    addSending(clientId, text, at) {
      local.push({ key: localKey(clientId), text, from: 'visitor', at, state: 'sending' });
    },
    confirm(clientId, message) {
      withoutLocal(clientId);
      if (storedIds.has(message.id)) return false;
      insertStored(message);
      return true;
    },
    fail(clientId) {
      local = local.map((entry) => (entry.key === localKey(clientId) ? { ...entry, state: 'failed' } : entry));
    },
    remove: withoutLocal,
    newestStoredId: () => stored[stored.length - 1]?.key ?? null,
  };
}
