import type { MutationAck } from '../../../shared/protocol';
import type { SaveDocumentInput, StoredDocument, VersionedDocumentKind } from '../sqlite-versioned-documents';
import { getMutation, recordMutation } from './pg-replies';
import type { PgTx } from './pg-transaction';

/**
 * PostgreSQL twin of sqlite-versioned-documents.ts (the reply rules, the catalog). A save locks the document's
 * table first, so two relays saving from the same base version cannot both win: the second sees the first's
 * version and gets CONFLICT.
 */
export async function latestVersion<T>(tx: PgTx, kind: VersionedDocumentKind<T>): Promise<number> {
  return (await tx.row<{ version: number | null }>(`SELECT MAX(version) AS version FROM ${kind.table}`))?.version ?? 0;
}

export async function latestDocument<T>(tx: PgTx, kind: VersionedDocumentKind<T>): Promise<StoredDocument<T> | null> {
  const row = await tx.row<{ version: number; json: string; updated_by: string; updated_at: number }>(
    `SELECT version, ${kind.jsonColumn} AS json, updated_by, updated_at FROM ${kind.table} ORDER BY version DESC LIMIT 1`,
  );
  if (!row) return null;
  return { version: row.version, document: JSON.parse(row.json) as T, updatedBy: row.updated_by, updatedAt: row.updated_at };
}

/** Saves version baseVersion + 1 unless someone saved since; the answer is recorded with the effect. */
export async function saveDocument<T>(tx: PgTx, kind: VersionedDocumentKind<T>, input: SaveDocumentInput<T>): Promise<MutationAck> {
  await tx.lock(`document:${kind.table}`);
  if (input.mutationId !== null) {
    const repeat = await getMutation(tx, input.mutationId);
    if (repeat?.answer) return repeat.answer;
  }
  const record = async (answer: MutationAck) => {
    if (input.mutationId === null) return;
    await recordMutation(tx, { id: input.mutationId, type: kind.mutationType, agentName: input.agentName, now: input.now, answer });
  };
  const current = await latestVersion(tx, kind);
  if (current !== input.baseVersion) {
    const answer: MutationAck = {
      ok: false,
      code: 'CONFLICT',
      message: `Someone else saved the ${kind.label} since your edit started (now version ${current}, your edit started from version ${input.baseVersion}). Reload the ${kind.label} and apply your change again.`,
    };
    await record(answer);
    return answer;
  }
  const version = current + 1;
  await tx.run(`INSERT INTO ${kind.table} (version, ${kind.jsonColumn}, updated_by, updated_at) VALUES ($1, $2, $3, $4)`, [
    version,
    JSON.stringify(input.document),
    input.agentName,
    input.now,
  ]);
  if (kind.keepVersions !== undefined) await tx.run(`DELETE FROM ${kind.table} WHERE version <= $1`, [version - kind.keepVersions]);
  tx.emit([kind.updatedEvent({ version, document: input.document, updatedBy: input.agentName, now: input.now })]);
  const answer: MutationAck = { ok: true, version };
  await record(answer);
  return answer;
}
