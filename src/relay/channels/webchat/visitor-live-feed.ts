import type { RelayEvent } from '../../../shared/protocol';
import type { WebchatMessage } from '../../../shared/protocol/webchat';
import type { Logger } from '../../logger';
import type { WebchatEventLog } from './event-source';
import { createVisitorMessageFolder, toWire } from './visitor-messages';

const PAGE_SIZE = 500;
const WEBCHAT_CONVERSATION_PREFIX = 'webchat:';

/**
 * Brings new events to the visitors' open sockets: every event appended after the relay started is read back
 * from the log (this process's commits at once, other processes' on the poll), folded into visitor-facing
 * messages and emitted to that conversation's room only — a visitor never receives another conversation.
 */
export function startVisitorLiveFeed(deps: {
  log: WebchatEventLog;
  /** Emits to every socket in the conversation's room (none: nothing happens). */
  emitToConversation(conversationId: string, message: WebchatMessage): void;
  logger: Logger;
  pollIntervalMs: number;
}) {
  const folder = createVisitorMessageFolder();
  let cursor = 0;
  // Where the log ends now: events after it reach the visitors (history covers what came before).
  const ready = (async () => {
    cursor = await deps.log.headSeq();
  })();
  let draining: Promise<void> | null = null;
  let again = false;

  const deliver = (event: RelayEvent) => {
    const conversationId = 'conversationId' in event ? event.conversationId : undefined;
    if (conversationId === undefined || !conversationId.startsWith(WEBCHAT_CONVERSATION_PREFIX)) return;
    const message = folder.next(event);
    if (message) deps.emitToConversation(conversationId, toWire(message));
  };

  const drain = async () => {
    await ready;
    for (;;) {
      const page = await deps.log.readEvents(cursor, PAGE_SIZE);
      for (const event of page) deliver(event);
      const last = page[page.length - 1];
      if (last) cursor = last.seq;
      if (page.length < PAGE_SIZE) return;
    }
  };

  const wake = () => {
    if (draining) {
      again = true;
      return;
    }
    draining = (async () => {
      do {
        again = false;
        try {
          await drain();
        } catch (error) {
          deps.logger.error(`web chat live delivery failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      } while (again);
      draining = null;
    })();
  };

  const unsubscribe = deps.log.onEventsAppended(() => wake());
  const poller = setInterval(wake, deps.pollIntervalMs);
  poller.unref();

  return {
    /** Resolves once the feed knows where the log ends (events after that reach the visitors). */
    ready,
    wake,
    async stop() {
      clearInterval(poller);
      unsubscribe();
      await draining;
    },
  };
}
