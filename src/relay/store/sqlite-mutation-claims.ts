import type Database from 'better-sqlite3';
import type { MutationClaimInput, MutationClaimResult } from './relay-store';
import { statement } from './statements';

export interface ClaimRow {
  agent_name: string;
  type: string;
  payload_hash: string | null;
}

function reused(message: string): MutationClaimResult {
  return { kind: 'reused', answer: { ok: false, code: 'ID_REUSED', message } };
}

/** The verdict on an existing claim; null when the row still has to be written (pre-v8 claim without a hash). */
export function judge(row: ClaimRow, input: MutationClaimInput): MutationClaimResult | null {
  if (row.agent_name !== input.agentName) {
    return reused(`Mutation id ${input.id} is already used by another agent's change; send this change with a new id`);
  }
  if (row.type !== input.type) {
    return reused(`Mutation id ${input.id} was already used for a ${row.type}; send this ${input.type} with a new id`);
  }
  if (row.payload_hash === null) return null;
  if (row.payload_hash !== input.payloadHash) {
    return reused(`Mutation id ${input.id} was already used for a different ${input.type}; send a changed payload with a new id`);
  }
  return { kind: 'repeat' };
}

function claimRow(db: Database.Database, id: string): ClaimRow | undefined {
  return statement(db, 'SELECT agent_name, type, payload_hash FROM mutation_claims WHERE id = ?').get(id) as ClaimRow | undefined;
}

/**
 * Outside a transaction: the verdict for an id that is already claimed (a retry needs no write lock, so its
 * stored answer is as quick as before); null when the claim must be taken with claimMutationIdSync.
 */
export function existingClaimSync(db: Database.Database, input: MutationClaimInput): MutationClaimResult | null {
  const row = claimRow(db, input.id);
  return row ? judge(row, input) : null;
}

/**
 * Claims a mutation id for (agent name, type, payload) — or recognises the claim as this agent's own repeat.
 * Runs in the caller's write transaction, so two relay processes cannot both claim one id.
 * Refusals never say who owns the id or what it carried.
 */
export function claimMutationIdSync(db: Database.Database, input: MutationClaimInput): MutationClaimResult {
  const row = claimRow(db, input.id);
  if (!row) {
    statement(db, 'INSERT INTO mutation_claims (id, agent_name, type, payload_hash, claimed_at) VALUES (?, ?, ?, ?, ?)').run(
      input.id,
      input.agentName,
      input.type,
      input.payloadHash,
      input.now,
    );
    return { kind: 'claimed' };
  }
  const verdict = judge(row, input);
  if (verdict) return verdict;
  // Claimed before schema 8: this repeat fixes the payload from now on.
  statement(db, 'UPDATE mutation_claims SET payload_hash = ? WHERE id = ?').run(input.payloadHash, input.id);
  return { kind: 'repeat' };
}
