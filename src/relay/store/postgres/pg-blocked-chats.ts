import type { NewRelayEvent } from '../../../shared/protocol';
import { windowClosedEvent } from '../sqlite-outbound';
import type { PgTx } from './pg-transaction';

/**
 * PostgreSQL twin of sqlite-blocked-chats.ts: a LINE unfollow spends the conversation's unused reply tokens from
 * before the block, in the ingest transaction (which holds the conversation's lock, as every reply that takes a
 * token does), and announces the closed window when one was still unused.
 */
export async function retireTokensOnBlock(tx: PgTx, conversationId: string, blockedAt: number, now: number): Promise<NewRelayEvent[]> {
  const retired = await tx.run('UPDATE reply_tokens SET used_at = $1 WHERE conversation_id = $2 AND used_at IS NULL AND event_timestamp <= $3', [
    now,
    conversationId,
    blockedAt,
  ]);
  return retired > 0 ? [windowClosedEvent(conversationId, now)] : [];
}
