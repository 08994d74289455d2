import type { PgTx } from './pg-transaction';

/** PostgreSQL twin of sqlite-outbound-content.ts: LINE's quote tokens of customer messages. */
export async function quoteTokenOf(tx: PgTx, conversationId: string, messageId: string | null | undefined): Promise<string | null> {
  if (!messageId) return null;
  const row = await tx.row<{ quote_token: string }>('SELECT quote_token FROM quote_tokens WHERE conversation_id = $1 AND message_id = $2', [conversationId, messageId]);
  return row?.quote_token ?? null;
}

export async function keepQuoteToken(tx: PgTx, conversationId: string, messageId: string, quoteToken: string): Promise<void> {
  await tx.run('INSERT INTO quote_tokens (conversation_id, message_id, quote_token) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [conversationId, messageId, quoteToken]);
}
