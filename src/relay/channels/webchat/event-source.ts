import type { NewRelayEvent, RelayEvent } from '../../../shared/protocol';
import type { RelayStore } from '../../store/relay-store';

type MaybePromise<T> = T | Promise<T>;

/** The part of the relay store the visitor side reads the event log through (sync or async store alike). */
export interface WebchatEventLog {
  headSeq(): MaybePromise<number>;
  readEvents(afterSeq: number, limit: number): MaybePromise<RelayEvent[]>;
  appendEvents(events: NewRelayEvent[]): MaybePromise<RelayEvent[]>;
  /** Called after every commit that appended events in this process. */
  onEventsAppended(listener: (headSeq: number) => void): () => void;
  /** Whether the conversation exists (a visitor online before writing anything has none yet). */
  conversationExists(conversationId: string): MaybePromise<boolean>;
}

/** The relay store as the visitor side's event log. */
export function webchatEventLogOf(store: RelayStore): WebchatEventLog {
  return {
    headSeq: () => store.headSeq(),
    readEvents: (afterSeq, limit) => store.readEvents(afterSeq, limit),
    appendEvents: (events) => store.appendEvents(events),
    onEventsAppended: (listener) => store.onEventsAppended(listener),
    conversationExists: async (conversationId) => (await store.getConversation(conversationId)) !== null,
  };
}
