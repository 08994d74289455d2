import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RelayConfig } from '../config';
import { openRelayDatabase, RELAY_DB_FILENAME } from '../store/database';
import { parsePostgresUrl, PostgresUrlError } from '../store/postgres/pg-url';
import { copySqliteRelayToPostgres } from '../store/postgres/copy-from-sqlite';
import { UsageError } from './args';

/**
 * The files of customers' content and agents' uploads are not in the database: every relay must find them in its
 * RELAY_DATA_DIR/media, so that folder is shared by all of them (docs/deploy.md).
 */
function mediaFolderNote(dataDir: string, media: number, uploads: number): string {
  if (media + uploads === 0) return '';
  return (
    `Photos and files (${media} downloaded, ${uploads} uploaded) stay in ${join(dataDir, 'media')}: give every relay that folder ` +
    '(RELAY_DATA_DIR on a shared volume, or copy it there).\n'
  );
}

/**
 * `npm run relay -- migrate-to postgres://…`: the SQLite relay in RELAY_DATA_DIR into an empty PostgreSQL
 * database. Progress goes to stderr; stdout gets one line for scripts: `relay <relayId> head <seq>`.
 */
export async function migrateToPostgres(config: RelayConfig, databaseUrl: string): Promise<void> {
  let target;
  try {
    target = parsePostgresUrl(databaseUrl);
  } catch (error) {
    if (error instanceof PostgresUrlError) throw new UsageError(error.message.replace('RELAY_DATABASE_URL', 'The migrate-to URL'));
    throw error;
  }
  if (!existsSync(join(config.dataDir, RELAY_DB_FILENAME))) {
    throw new UsageError(`No SQLite relay in ${config.dataDir} (set RELAY_DATA_DIR to the folder of the relay to copy)`);
  }
  const db = openRelayDatabase(config.dataDir);
  try {
    process.stderr.write(`Copying the SQLite relay in ${config.dataDir} to PostgreSQL ${target.displayName} (schema ${target.schema})…\n`);
    const started = Date.now();
    const report = await copySqliteRelayToPostgres(db, target);
    for (const [table, count] of Object.entries(report.rows)) if (count > 0) process.stderr.write(`  ${table}: ${count} row(s)\n`);
    process.stderr.write(
      `Done in ${((Date.now() - started) / 1000).toFixed(1)} s: relay ${report.relayId}, event log head ${report.headSeq} (desktops continue from their cursors).\n` +
        'Start the relays with RELAY_DATABASE_URL set to the same URL.\n' +
        mediaFolderNote(config.dataDir, report.rows.media_items ?? 0, report.rows.uploads ?? 0),
    );
    process.stdout.write(`relay ${report.relayId} head ${report.headSeq}\n`);
  } finally {
    db.close();
  }
}
