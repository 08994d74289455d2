import type { NewRelayEvent } from '../../../shared/protocol';
import type { Logger } from '../../logger';
import type { WebchatEventLog } from './event-source';

/**
 * Tells agents whether a web chat visitor is on the page: `conversation.replyWindow { tokenReceivedAt: null,
 * webchat: { visitorOnline } }` when a conversation's first socket connects and when its last one leaves (a visitor
 * with several tabs, or one customer on two devices, is one presence). Counted per relay process. A visitor who
 * has not written yet has no conversation: they are announced once their first message created it (`touch`).
 */
export function createVisitorPresence(deps: { log: WebchatEventLog; now: () => number; logger: Logger }) {
  const sockets = new Map<string, number>();
  const announcedOnline = new Set<string>();
  // Announcements go out in the order the sockets came and went.
  let chain: Promise<void> = Promise.resolve();

  const announce = (conversationId: string, visitorOnline: boolean) => {
    const event: NewRelayEvent = {
      type: 'conversation.replyWindow',
      conversationId,
      occurredAt: deps.now(),
      payload: { tokenReceivedAt: null, webchat: { visitorOnline } },
    };
    return Promise.resolve(deps.log.appendEvents([event])).then(() => undefined);
  };

  const settle = (conversationId: string) => {
    chain = chain
      .then(async () => {
        const online = (sockets.get(conversationId) ?? 0) > 0;
        if (online && !announcedOnline.has(conversationId)) {
          if (!(await deps.log.conversationExists(conversationId))) return;
          announcedOnline.add(conversationId);
          await announce(conversationId, true);
        } else if (!online && announcedOnline.has(conversationId)) {
          announcedOnline.delete(conversationId);
          await announce(conversationId, false);
        }
      })
      .catch((error: unknown) => deps.logger.error(`web chat presence not stored: ${error instanceof Error ? error.message : String(error)}`));
    return chain;
  };

  return {
    join(conversationId: string) {
      sockets.set(conversationId, (sockets.get(conversationId) ?? 0) + 1);
      return settle(conversationId);
    },
    leave(conversationId: string) {
      const left = (sockets.get(conversationId) ?? 0) - 1;
      if (left > 0) sockets.set(conversationId, left);
      else sockets.delete(conversationId);
      return settle(conversationId);
    },
    /** The conversation may exist now (a message was stored): announce its visitor if not yet done. */
    touch: (conversationId: string) => settle(conversationId),
    isOnline: (conversationId: string) => announcedOnline.has(conversationId),
    whenIdle: () => chain,
  };
}
