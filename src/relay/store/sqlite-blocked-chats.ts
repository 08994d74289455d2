import type Database from 'better-sqlite3';
import type { NewRelayEvent } from '../../shared/protocol';
import { windowClosedEvent } from './sqlite-outbound';
import { statement } from './statements';

/**
 * The customer blocked the account (LINE unfollow): a reply can no longer reach them, so the conversation's
 * unused reply tokens from before the block are spent here (marked used at `now`), in the ingest transaction.
 * A reply written meanwhile is held and goes out free with the token of their next follow. Announces the closed
 * window when a token was still unused, so no app counts down a free reply nobody can receive.
 */
export function retireTokensOnBlockSync(db: Database.Database, conversationId: string, blockedAt: number, now: number): NewRelayEvent[] {
  const retired = statement(
    db,
    'UPDATE reply_tokens SET used_at = ? WHERE conversation_id = ? AND used_at IS NULL AND event_timestamp <= ?',
  ).run(now, conversationId, blockedAt);
  return retired.changes > 0 ? [windowClosedEvent(conversationId, now)] : [];
}
