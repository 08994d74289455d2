import type Database from 'better-sqlite3';
import type { MutationAck, MutationType, NewRelayEvent, RelayEvent } from '../../shared/protocol';
import { appendEventsSync } from './sqlite-event-log';
import { getMutationSync, recordMutationSync } from './sqlite-replies';
import { statement } from './statements';

/**
 * Shop-wide documents saved whole, one version after another (the reply rules, the catalog): a save names
 * the version it started from and is refused with CONFLICT when someone saved since; every version is kept
 * in its own table (version, <doc>_json, updated_by, updated_at) and announced with one event.
 */
export interface VersionedDocumentKind<T> {
  table: 'rules_versions' | 'catalog_versions' | 'settings_versions';
  jsonColumn: 'rules_json' | 'catalog_json' | 'settings_json';
  mutationType: Extract<MutationType, 'rules.save' | 'catalog.save' | 'settings.save'>;
  /** How the conflict message names the document ("rules", "catalog"). */
  label: string;
  /** Only this many newest versions are kept (older ones are deleted with each save); unset = all. */
  keepVersions?: number;
  updatedEvent(input: { version: number; document: T; updatedBy: string; now: number }): NewRelayEvent;
}

export interface StoredDocument<T> {
  version: number;
  document: T;
  updatedBy: string;
  updatedAt: number;
}

export interface SaveDocumentInput<T> {
  /** The save mutation id (null for seeding by a launcher). */
  mutationId: string | null;
  document: T;
  baseVersion: number;
  agentName: string;
  now: number;
}

export function latestVersionSync<T>(db: Database.Database, kind: VersionedDocumentKind<T>): number {
  const row = statement(db, `SELECT MAX(version) AS version FROM ${kind.table}`).get() as { version: number | null };
  return row.version ?? 0;
}

export function latestDocumentSync<T>(db: Database.Database, kind: VersionedDocumentKind<T>): StoredDocument<T> | null {
  const row = db
    .prepare(`SELECT version, ${kind.jsonColumn} AS json, updated_by, updated_at FROM ${kind.table} ORDER BY version DESC LIMIT 1`)
    .get() as { version: number; json: string; updated_by: string; updated_at: number } | undefined;
  if (!row) return null;
  return { version: row.version, document: JSON.parse(row.json) as T, updatedBy: row.updated_by, updatedAt: row.updated_at };
}

/** Saves version baseVersion + 1 unless someone saved since; the answer is recorded with the effect. */
export function saveDocumentSync<T>(
  db: Database.Database,
  kind: VersionedDocumentKind<T>,
  input: SaveDocumentInput<T>,
): { answer: MutationAck; appended: RelayEvent[] } {
  if (input.mutationId !== null) {
    const repeat = getMutationSync(db, input.mutationId);
    if (repeat?.answer) return { answer: repeat.answer, appended: [] };
  }
  const record = (answer: MutationAck) => {
    if (input.mutationId === null) return;
    recordMutationSync(db, { id: input.mutationId, type: kind.mutationType, agentName: input.agentName, now: input.now, answer });
  };
  const current = latestVersionSync(db, kind);
  if (current !== input.baseVersion) {
    const answer: MutationAck = {
      ok: false,
      code: 'CONFLICT',
      message: `Someone else saved the ${kind.label} since your edit started (now version ${current}, your edit started from version ${input.baseVersion}). Reload the ${kind.label} and apply your change again.`,
    };
    record(answer);
    return { answer, appended: [] };
  }
  const version = current + 1;
  db.prepare(`INSERT INTO ${kind.table} (version, ${kind.jsonColumn}, updated_by, updated_at) VALUES (?, ?, ?, ?)`).run(
    version,
    JSON.stringify(input.document),
    input.agentName,
    input.now,
  );
  if (kind.keepVersions !== undefined) db.prepare(`DELETE FROM ${kind.table} WHERE version <= ?`).run(version - kind.keepVersions);
  const appended = appendEventsSync(db, [kind.updatedEvent({ version, document: input.document, updatedBy: input.agentName, now: input.now })]);
  const answer: MutationAck = { ok: true, version };
  record(answer);
  return { answer, appended };
}
