import type Database from 'better-sqlite3';
import type { MutationClaimInput, MutationClaimResult } from './relay-store';
import { statement } from './statements';

interface ClaimRow {
  agent_name: string;
  type: string;
  payload_hash: string | null;
}

function reused(message: string): MutationClaimResult {
  return { kind: 'reused', answer: { ok: false, code: 'ID_REUSED', message } };
}

/**
 * Claims a mutation id for (agent name, type, payload) — or recognises the claim as this agent's own repeat.
 * Runs in the caller's write transaction, so two relay processes cannot both claim one id.
 * Refusals never say who owns the id or what it carried.
 */
export function claimMutationIdSync(db: Database.Database, input: MutationClaimInput): MutationClaimResult {
  const row = statement(db, 'SELECT agent_name, type, payload_hash FROM mutation_claims WHERE id = ?').get(input.id) as ClaimRow | undefined;
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
  if (row.agent_name !== input.agentName) {
    return reused(`Mutation id ${input.id} is already used by another agent's change; send this change with a new id`);
  }
  if (row.type !== input.type) {
    return reused(`Mutation id ${input.id} was already used for a ${row.type}; send this ${input.type} with a new id`);
  }
  if (row.payload_hash === null) {
    // Claimed before schema 8: this repeat fixes the payload from now on.
    statement(db, 'UPDATE mutation_claims SET payload_hash = ? WHERE id = ?').run(input.payloadHash, input.id);
  } else if (row.payload_hash !== input.payloadHash) {
    return reused(`Mutation id ${input.id} was already used for a different ${input.type}; send a changed payload with a new id`);
  }
  return { kind: 'repeat' };
}
