import type { Migration } from '../migrate';

/**
 * Schema version 8: who owns each mutation id.
 * - mutation_claims: one row per mutation id ever accepted, with the agent NAME that sent it (not the token:
 *   a re-issued token under the same name keeps its answers), the mutation type and a SHA-256 of the type and
 *   payload. A repeat is answered only to the same agent with the same type and payload; anything else is
 *   refused with ID_REUSED, so an id never hands one agent another's answer, order or tag add-id.
 *   Ids stay unique across agents because events carry the mutation id to every client.
 * - Backfilled from mutations (and orders, whose id is the order.create mutation id); their payload hash is
 *   unknown (NULL) and is recorded by the first repeat.
 */
export const migration008MutationClaims: Migration = {
  version: 8,
  name: 'mutation_claims',
  up: `
    CREATE TABLE mutation_claims (
      id TEXT PRIMARY KEY,
      agent_name TEXT NOT NULL,
      type TEXT NOT NULL,
      payload_hash TEXT,
      claimed_at INTEGER NOT NULL
    );
    INSERT INTO mutation_claims (id, agent_name, type, payload_hash, claimed_at)
      SELECT id, agent_name, type, NULL, created_at FROM mutations;
    INSERT OR IGNORE INTO mutation_claims (id, agent_name, type, payload_hash, claimed_at)
      SELECT order_id, agent_name, 'order.create', NULL, created_at FROM orders;
  `,
};
