import type Database from 'better-sqlite3';
import { mediaBytesStoredSync } from './sqlite-media';
import { statement } from './statements';
import type { RecordVisitorUploadInput, RecordVisitorUploadResult, VisitorUploadRecord, VisitorUploadStore } from './webchat-upload-store-types';

/** Photos and files web chat visitors upload (schema v16); each method is one transaction. */

const COLUMNS = `upload_id AS uploadId, media_id AS mediaId, kind, content_type AS contentType, size, file_name AS fileName,
  preview_content_type AS previewContentType, created_at AS createdAt, message_id AS messageId, conversation_id AS conversationId`;

function findSync(db: Database.Database, visitorId: string, uploadId: string): VisitorUploadRecord | null {
  return (statement(db, `SELECT ${COLUMNS} FROM webchat_uploads WHERE visitor_id = ? AND upload_id = ?`).get(visitorId, uploadId) as VisitorUploadRecord | undefined) ?? null;
}

/** The rate limits and the shop's storage, from the counts the caller read in its transaction; null: the upload may be stored. */
export function visitorUploadRefusal(
  limits: RecordVisitorUploadInput['limits'],
  counts: { byVisitor: number; byAddress: number; bytesStored: number; size: number },
): Extract<RecordVisitorUploadResult, { kind: 'refused' }> | null {
  if (counts.byVisitor >= limits.perVisitor || counts.byAddress >= limits.perAddress) {
    return { kind: 'refused', code: 'RATE_LIMITED', message: 'Too many photos and files for now: wait a while and send again' };
  }
  if (counts.bytesStored + counts.size > limits.maxTotalBytes) {
    return { kind: 'refused', code: 'STORAGE_FULL', message: "The shop's storage for photos and files is full" };
  }
  return null;
}

export function recordVisitorUploadSync(db: Database.Database, input: RecordVisitorUploadInput): RecordVisitorUploadResult {
  const existing = findSync(db, input.visitorId, input.record.uploadId);
  if (existing) return { kind: 'repeat', record: existing };
  const { limits, record } = input;
  const since = record.createdAt - limits.windowMs;
  const byVisitor = statement(db, 'SELECT COUNT(*) AS n FROM webchat_uploads WHERE visitor_id = ? AND created_at > ?').get(input.visitorId, since) as { n: number };
  const byAddress = statement(db, 'SELECT COUNT(*) AS n FROM webchat_uploads WHERE address = ? AND created_at > ?').get(input.address, since) as { n: number };
  const refusal = visitorUploadRefusal(limits, { byVisitor: byVisitor.n, byAddress: byAddress.n, bytesStored: mediaBytesStoredSync(db), size: record.size });
  if (refusal) return refusal;
  statement(
    db,
    `INSERT INTO webchat_uploads (visitor_id, upload_id, media_id, address, kind, content_type, size, file_name, preview_content_type, created_at)
     VALUES (@visitorId, @uploadId, @mediaId, @address, @kind, @contentType, @size, @fileName, @previewContentType, @createdAt)`,
  ).run({ ...record, visitorId: input.visitorId, address: input.address });
  return { kind: 'stored', record: { ...record, messageId: null, conversationId: null } };
}

export function attachVisitorUploadSync(
  db: Database.Database,
  input: { visitorId: string; uploadId: string; conversationId: string; messageId: string },
): VisitorUploadRecord | null {
  const upload = findSync(db, input.visitorId, input.uploadId);
  if (!upload) return null;
  if (upload.messageId !== null) return upload.messageId === input.messageId && upload.conversationId === input.conversationId ? upload : null;
  statement(db, 'UPDATE webchat_uploads SET message_id = ?, conversation_id = ? WHERE visitor_id = ? AND upload_id = ?').run(
    input.messageId,
    input.conversationId,
    input.visitorId,
    input.uploadId,
  );
  return { ...upload, messageId: input.messageId, conversationId: input.conversationId };
}

export function sentVisitorUploadSync(db: Database.Database, mediaId: string): VisitorUploadRecord | null {
  return (statement(db, `SELECT ${COLUMNS} FROM webchat_uploads WHERE media_id = ? AND message_id IS NOT NULL`).get(mediaId) as VisitorUploadRecord | undefined) ?? null;
}

export function takeUnsentVisitorUploadsSync(db: Database.Database, before: number): string[] {
  const rows = statement(db, 'DELETE FROM webchat_uploads WHERE message_id IS NULL AND created_at < ? RETURNING media_id').all(before) as { media_id: string }[];
  return rows.map((row) => row.media_id);
}

export function createSqliteVisitorUploadStore(db: Database.Database): VisitorUploadStore {
  const write = <T>(work: () => T): Promise<T> => Promise.resolve().then(() => db.transaction(work).immediate());
  const read = <T>(work: () => T): Promise<T> => Promise.resolve().then(work);
  return {
    recordVisitorUpload: (input) => write(() => recordVisitorUploadSync(db, input)),
    findVisitorUpload: (visitorId, uploadId) => read(() => findSync(db, visitorId, uploadId)),
    attachVisitorUpload: (input) => write(() => attachVisitorUploadSync(db, input)),
    sentVisitorUpload: (mediaId) => read(() => sentVisitorUploadSync(db, mediaId)),
    takeUnsentVisitorUploads: (before) => write(() => takeUnsentVisitorUploadsSync(db, before)),
  };
}
