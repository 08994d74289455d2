import type { MessageView } from '../../shared/ipc';
import { calendarDaysBetween } from './relative-time';

export type MessageRow =
  | { kind: 'day'; key: string; timestamp: number }
  | { kind: 'message'; key: string; message: MessageView; firstOfRun: boolean; group?: MessageView[] };

/** Chronological order with a stable tie-break, whatever order pages arrive in. */
export function compareMessages(a: MessageView, b: MessageView): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Merges a fresh page into what is loaded: the newer copy of a message wins (its delivery state moved on). */
export function mergeMessages(loaded: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  const byId = new Map<string, MessageView>();
  for (const message of loaded) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort(compareMessages);
}

/** Flattens messages into virtual-list rows with a separator at each new calendar day. */
export function buildMessageRows(messages: readonly MessageView[]): MessageRow[] {
  const rows: MessageRow[] = [];
  let previous: MessageView | null = null;
  for (const message of messages) {
    const newDay = !previous || calendarDaysBetween(previous.createdAt, message.createdAt) !== 0;
    if (newDay) {
      // Keyed by the calendar day, not its first message: loading older history must not change the key.
      const date = new Date(message.createdAt);
      rows.push({ kind: 'day', key: `day-${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`, timestamp: message.createdAt });
    }
    // Photos sent together (one LINE imageSet) are one row: the first carries the group, the rest join it.
    const setId = message.kind === 'image' && !message.withdrawn ? message.content?.imageSet?.id : undefined;
    const last = rows[rows.length - 1];
    if (setId && !newDay && last?.kind === 'message' && last.message.content?.imageSet?.id === setId && last.message.kind === 'image') {
      last.group = [...(last.group ?? [last.message]), message];
      previous = message;
      continue;
    }
    // Consecutive bubbles from the same side within 5 minutes sit closer together, as in LINE.
    const firstOfRun =
      newDay || !previous || previous.direction !== message.direction || message.createdAt - previous.createdAt > 5 * 60_000;
    rows.push({ kind: 'message', key: message.id, message, firstOfRun });
    previous = message;
  }
  return rows;
}
