import type pg from 'pg';
import { visitorUploadRefusal } from '../sqlite-webchat-uploads';
import type { RecordVisitorUploadInput, RecordVisitorUploadResult, VisitorUploadRecord, VisitorUploadStore } from '../webchat-upload-store-types';
import { mediaBytesStored } from './pg-media';
import { query } from './pg-query';
import { LOCKS, type PgTx } from './pg-transaction';

/**
 * PostgreSQL twin of sqlite-webchat-uploads.ts: web chat visitors' photos and files (schema version 7). Relays
 * share the rate limits and the shop's storage: an upload is counted and recorded under the visitor's, the
 * address's and the storage's locks, so uploads reaching two relays at once cannot both take the last place.
 */

const COLUMNS = `upload_id AS "uploadId", media_id AS "mediaId", kind, content_type AS "contentType", size, file_name AS "fileName",
  preview_content_type AS "previewContentType", created_at AS "createdAt", message_id AS "messageId", conversation_id AS "conversationId"`;

const FIND_SQL = `SELECT ${COLUMNS} FROM webchat_uploads WHERE visitor_id = $1 AND upload_id = $2`;

async function recordVisitorUpload(tx: PgTx, input: RecordVisitorUploadInput): Promise<RecordVisitorUploadResult> {
  await tx.lock(LOCKS.visitorUploads(input.visitorId), LOCKS.uploadsFromAddress(input.address), LOCKS.mediaStorage);
  const existing = await tx.row<VisitorUploadRecord>(FIND_SQL, [input.visitorId, input.record.uploadId]);
  if (existing) return { kind: 'repeat', record: existing };
  const { limits, record } = input;
  const counts = await tx.row<{ by_visitor: number; by_address: number }>(
    `SELECT (SELECT COUNT(*) FROM webchat_uploads WHERE visitor_id = $1 AND created_at > $3) AS by_visitor,
            (SELECT COUNT(*) FROM webchat_uploads WHERE address = $2 AND created_at > $3) AS by_address`,
    [input.visitorId, input.address, record.createdAt - limits.windowMs],
  );
  const refusal = visitorUploadRefusal(limits, {
    byVisitor: counts?.by_visitor ?? 0,
    byAddress: counts?.by_address ?? 0,
    bytesStored: await mediaBytesStored(tx),
    size: record.size,
  });
  if (refusal) return refusal;
  await tx.run(
    `INSERT INTO webchat_uploads (visitor_id, upload_id, media_id, address, kind, content_type, size, file_name, preview_content_type, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [input.visitorId, record.uploadId, record.mediaId, input.address, record.kind, record.contentType, record.size, record.fileName, record.previewContentType, record.createdAt],
  );
  return { kind: 'stored', record: { ...record, messageId: null, conversationId: null } };
}

/** See sqlite-webchat-uploads.ts attachVisitorUploadSync; the row is locked, so two sends of one upload attach it once. */
async function attachVisitorUpload(
  tx: PgTx,
  input: { visitorId: string; uploadId: string; conversationId: string; messageId: string },
): Promise<VisitorUploadRecord | null> {
  const upload = await tx.row<VisitorUploadRecord>(`${FIND_SQL} FOR UPDATE`, [input.visitorId, input.uploadId]);
  if (!upload) return null;
  if (upload.messageId !== null) return upload.messageId === input.messageId && upload.conversationId === input.conversationId ? upload : null;
  await tx.run('UPDATE webchat_uploads SET message_id = $1, conversation_id = $2 WHERE visitor_id = $3 AND upload_id = $4', [
    input.messageId,
    input.conversationId,
    input.visitorId,
    input.uploadId,
  ]);
  return { ...upload, messageId: input.messageId, conversationId: input.conversationId };
}

/** Visitors' uploads on PostgreSQL; `write` runs one transaction (pg-transaction.ts), reads use the pool. */
export function createPostgresVisitorUploadStore(pool: pg.Pool, write: <T>(work: (tx: PgTx) => Promise<T>) => Promise<T>): VisitorUploadStore {
  return {
    recordVisitorUpload: (input) => write((tx) => recordVisitorUpload(tx, input)),
    findVisitorUpload: async (visitorId, uploadId) => (await query<VisitorUploadRecord>(pool, FIND_SQL, [visitorId, uploadId])).rows[0] ?? null,
    attachVisitorUpload: (input) => write((tx) => attachVisitorUpload(tx, input)),
    sentVisitorUpload: async (mediaId) =>
      (await query<VisitorUploadRecord>(pool, `SELECT ${COLUMNS} FROM webchat_uploads WHERE media_id = $1 AND message_id IS NOT NULL`, [mediaId])).rows[0] ?? null,
    // One statement: relays sweeping at the same moment each remove (and get back) different rows.
    takeUnsentVisitorUploads: (before) =>
      write(async (tx) =>
        (await tx.rows<{ media_id: string }>('DELETE FROM webchat_uploads WHERE message_id IS NULL AND created_at < $1 RETURNING media_id', [before])).map(
          (row) => row.media_id,
        ),
      ),
  };
}
