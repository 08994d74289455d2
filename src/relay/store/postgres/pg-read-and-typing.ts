import { hasUsableToken } from '../../../shared/delivery/policy';
import { isLineUserChat } from '../../../shared/delivery/typing-indicator';
import type { MutationAck } from '../../../shared/protocol';
import type { BeginMarkReadResult, TypingIndicatorClaim } from '../relay-store';
import { conversationExists } from './pg-conversations';
import { newestToken } from './pg-outbound';
import { recordMutation } from './pg-replies';
import type { PgTx } from './pg-transaction';

/**
 * PostgreSQL twin of sqlite-read-and-typing.ts. Caller holds the mutation lock and has checked for a repeat;
 * the newest unused markAsReadToken is taken by a conditional UPDATE, so each is sent to LINE at most once.
 */
export async function beginMarkRead(tx: PgTx, input: { mutationId: string; conversationId: string; agentName: string; now: number }): Promise<BeginMarkReadResult> {
  const record = async (answer: MutationAck, token: string | null): Promise<BeginMarkReadResult> => {
    await recordMutation(tx, { id: input.mutationId, type: 'conversation.markRead', agentName: input.agentName, now: input.now, answer });
    return { kind: 'answered', answer, token };
  };
  if (!(await conversationExists(tx, input.conversationId))) {
    return record({ ok: false, code: 'UNKNOWN_CONVERSATION', message: `No conversation ${input.conversationId} on this relay` }, null);
  }
  const row = await tx.row<{ token: string }>(
    'UPDATE mark_as_read_tokens SET used_at = $1 WHERE conversation_id = $2 AND used_at IS NULL RETURNING token',
    [input.now, input.conversationId],
  );
  return record({ ok: true, markedRead: row !== undefined }, row?.token ?? null);
}

/** The throttle row is claimed by its conditional upsert: one indicator per interval across relay processes. */
export async function claimTypingIndicator(tx: PgTx, input: { conversationId: string; now: number; throttleMs: number }): Promise<TypingIndicatorClaim | null> {
  const conversation = await tx.row<{ friend_id: string }>('SELECT friend_id FROM conversations WHERE id = $1', [input.conversationId]);
  if (!conversation || !isLineUserChat(conversation.friend_id)) return null;
  const token = await newestToken(tx, input.conversationId);
  if (!token || !hasUsableToken(token, input.now)) return null;
  const claimed = await tx.run(
    `INSERT INTO loading_indicators (conversation_id, started_at) VALUES ($1, $2)
     ON CONFLICT (conversation_id) DO UPDATE SET started_at = excluded.started_at
     WHERE excluded.started_at - loading_indicators.started_at >= $3`,
    [input.conversationId, input.now, input.throttleMs],
  );
  if (claimed !== 1) return null;
  return { chatId: conversation.friend_id, tokenReceivedAt: token.receivedAt };
}
