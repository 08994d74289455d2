import type { MutationClaimInput, MutationClaimResult } from '../relay-store';
import { judge, type ClaimRow } from '../sqlite-mutation-claims';
import type { PgTx } from './pg-transaction';

/**
 * PostgreSQL twin of sqlite-mutation-claims.ts. The insert is the claim: a concurrent claim of the same id by
 * another relay process waits on the primary key and then finds the row, so one agent owns each id.
 */
export async function claimMutationId(tx: PgTx, input: MutationClaimInput): Promise<MutationClaimResult> {
  const inserted = await tx.run(
    'INSERT INTO mutation_claims (id, agent_name, type, payload_hash, claimed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
    [input.id, input.agentName, input.type, input.payloadHash, input.now],
  );
  if (inserted === 1) return { kind: 'claimed' };
  const row = await tx.row<ClaimRow>('SELECT agent_name, type, payload_hash FROM mutation_claims WHERE id = $1 FOR UPDATE', [input.id]);
  if (!row) throw new Error(`mutation claim ${input.id} vanished`);
  const verdict = judge(row, input);
  if (verdict) return verdict;
  // Claimed before payload hashes were kept (copied from an older SQLite relay): this repeat fixes the payload.
  await tx.run('UPDATE mutation_claims SET payload_hash = $1 WHERE id = $2', [input.payloadHash, input.id]);
  return { kind: 'repeat' };
}

/** Outside a transaction: the verdict for an id already claimed; null when the claim must be taken. */
export async function existingClaim(tx: PgTx, input: MutationClaimInput): Promise<MutationClaimResult | null> {
  const row = await tx.row<ClaimRow>('SELECT agent_name, type, payload_hash FROM mutation_claims WHERE id = $1', [input.id]);
  return row ? judge(row, input) : null;
}
