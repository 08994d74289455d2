import pg from 'pg';
import { advisoryKey } from './pg-connection';
import { pgMigration001Initial } from './migrations/001_initial';
import { pgMigration002BackgroundLeases } from './migrations/002_background_leases';
import { pgMigration003TeamInbox } from './migrations/003_team_inbox';
import { pgMigration004Media } from './migrations/004_media';
import { pgMigration005SuggestionFeedback } from './migrations/005_suggestion_feedback';
import { pgMigration006ConversationMembers } from './migrations/006_conversation_members';
import { pgMigration007WebchatUploads } from './migrations/007_webchat_uploads';

export interface PgMigration {
  version: number;
  name: string;
  /** Forward-only SQL; runs in one transaction together with its row in schema_migrations. */
  up: string;
}

/** Every PostgreSQL schema version in order; add a file per new version, never edit a shipped one. */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  pgMigration001Initial,
  pgMigration002BackgroundLeases,
  pgMigration003TeamInbox,
  pgMigration004Media,
  pgMigration005SuggestionFeedback,
  pgMigration006ConversationMembers,
  pgMigration007WebchatUploads,
];

export const LATEST_PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]?.version ?? 0;

export async function pgSchemaVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ found: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS found`);
  if (!exists.rows[0]?.found) return 0;
  const result = await client.query<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
  return result.rows[0]?.version ?? 0;
}

/**
 * Brings the schema to `target` (default: latest). Relays starting at the same moment queue on one session
 * advisory lock per schema, so each step runs once; every step is one transaction with its version row.
 */
export async function migratePostgres(client: pg.ClientBase, schema: string, target: number = LATEST_PG_SCHEMA_VERSION): Promise<number> {
  const lockKey = advisoryKey(schema, 'migrate');
  await client.query('SELECT pg_advisory_lock($1)', [lockKey]);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${pg.escapeIdentifier(schema)}`);
    await client.query(`SET search_path TO ${pg.escapeIdentifier(schema)}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
    );
    for (const migration of PG_MIGRATIONS) {
      if (migration.version > target) break;
      const current = await pgSchemaVersion(client);
      if (current >= migration.version) continue;
      if (current !== migration.version - 1) {
        throw new Error(`Cannot apply PostgreSQL migration ${migration.version}: the schema is at version ${current}`);
      }
      await client.query('BEGIN');
      try {
        await client.query(migration.up);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    const reached = await pgSchemaVersion(client);
    if (reached > LATEST_PG_SCHEMA_VERSION) {
      throw new Error(
        `The relay's PostgreSQL schema is at version ${reached}, newer than this relay understands (${LATEST_PG_SCHEMA_VERSION}). Upgrade the relay.`,
      );
    }
    return reached;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [lockKey]);
  }
}
