import type Database from 'better-sqlite3';
import { hasUsableToken } from '../../shared/delivery/policy';
import { isLineUserChat } from '../../shared/delivery/typing-indicator';
import type { MutationAck } from '../../shared/protocol';
import type { BeginMarkReadResult, TypingIndicatorClaim } from './relay-store';
import { newestTokenSync } from './sqlite-outbound';
import { getMutationSync, recordMutationSync } from './sqlite-replies';

/**
 * conversation.markRead in one transaction: a repeated id gets its first answer; otherwise the newest
 * unused markAsReadToken is marked used BEFORE LINE is called, so each token is sent at most once even with
 * several relay processes. Read receipts are a courtesy: losing one to a crash is better than a retry loop.
 */
export function beginMarkReadSync(
  db: Database.Database,
  input: { mutationId: string; conversationId: string; agentName: string; now: number },
): BeginMarkReadResult {
  const repeat = getMutationSync(db, input.mutationId);
  if (repeat) return { kind: 'repeat', mutation: repeat };
  const record = (answer: MutationAck, token: string | null): BeginMarkReadResult => {
    recordMutationSync(db, { id: input.mutationId, type: 'conversation.markRead', agentName: input.agentName, now: input.now, answer });
    return { kind: 'answered', answer, token };
  };
  if (!db.prepare('SELECT 1 FROM conversations WHERE id = ?').get(input.conversationId)) {
    return record({ ok: false, code: 'UNKNOWN_CONVERSATION', message: `No conversation ${input.conversationId} on this relay` }, null);
  }
  const row = db
    .prepare('UPDATE mark_as_read_tokens SET used_at = ? WHERE conversation_id = ? AND used_at IS NULL RETURNING token')
    .get(input.now, input.conversationId) as { token: string } | undefined;
  return record({ ok: true, markedRead: row !== undefined }, row?.token ?? null);
}

/** See RelayStore.claimTypingIndicator. The throttle row is updated only when the claim succeeds. */
export function claimTypingIndicatorSync(
  db: Database.Database,
  input: { conversationId: string; now: number; throttleMs: number },
): TypingIndicatorClaim | null {
  const conversation = db.prepare('SELECT friend_id FROM conversations WHERE id = ?').get(input.conversationId) as
    | { friend_id: string }
    | undefined;
  if (!conversation || !isLineUserChat(conversation.friend_id)) return null;
  const token = newestTokenSync(db, input.conversationId);
  if (!token || !hasUsableToken(token, input.now)) return null;
  const claimed = db
    .prepare(
      `INSERT INTO loading_indicators (conversation_id, started_at) VALUES (?, ?)
       ON CONFLICT (conversation_id) DO UPDATE SET started_at = excluded.started_at
       WHERE excluded.started_at - loading_indicators.started_at >= ?`,
    )
    .run(input.conversationId, input.now, input.throttleMs);
  if (claimed.changes !== 1) return null;
  return { chatId: conversation.friend_id, tokenReceivedAt: token.receivedAt };
}
