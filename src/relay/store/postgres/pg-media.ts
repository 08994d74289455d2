import type { FinishMediaDownloadInput, FinishMediaDownloadResult, MediaDownloadJob, StoredMediaRecord, UploadRecord } from '../media-store-types';
import {
  jobOfRow,
  mediaReadyEvent,
  mediaUnavailableEvent,
  queuedMediaRow,
  unavailability,
  UPLOAD_COLUMNS,
  type JobRow,
  type QueuedMedia,
} from '../sqlite-media';
import { LOCKS, type PgTx } from './pg-transaction';

/**
 * PostgreSQL twin of sqlite-media.ts: the download queue any relay process works on. A job is leased by ONE
 * conditional update that skips rows another process is claiming at the same moment (FOR UPDATE SKIP LOCKED) and
 * takes only a row whose lease is free or ran out; its outcome counts only while the lease is still the finisher's.
 */
export async function queueMedia(tx: PgTx, input: QueuedMedia): Promise<void> {
  const row = queuedMediaRow(input);
  await tx.run(
    `INSERT INTO media_items (media_id, conversation_id, channel, message_id, kind, source, source_ref, state, attempts,
       next_attempt_at, file_name, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
    [row.mediaId, ...row.values],
  );
}

/** The customer unsent a message: its content is no longer served or downloaded; the ids of files to remove. */
export async function withdrawMedia(tx: PgTx, channel: string, messageId: string, now: number): Promise<string[]> {
  const rows = await tx.rows<{ media_id: string }>(
    `UPDATE media_items SET state = 'withdrawn', lease_owner = NULL, lease_until = NULL, updated_at = $1
     WHERE channel = $2 AND message_id = $3 AND state <> 'withdrawn' RETURNING media_id`,
    [now, channel, messageId],
  );
  return rows.map((row) => row.media_id);
}

const CLAIM_SQL = `
  UPDATE media_items SET lease_owner = $1, lease_until = $2, updated_at = $3
  WHERE media_id = (
    SELECT media_id FROM media_items
    WHERE state = 'pending' AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)
    ORDER BY next_attempt_at, row_no LIMIT 1
    FOR UPDATE SKIP LOCKED
  ) AND state = 'pending' AND (lease_until IS NULL OR lease_until <= $3)
  RETURNING media_id, conversation_id, channel, message_id, kind, source, source_ref, file_name, attempts, created_at`;

/** Takes the next due download, or one whose lease ran out (its process died mid-download); one process gets each. */
export async function claimMediaDownload(tx: PgTx, input: { now: number; leaseMs: number; owner: string }): Promise<MediaDownloadJob | null> {
  const leaseUntil = input.now + input.leaseMs;
  const row = await tx.row<JobRow>(CLAIM_SQL, [input.owner, leaseUntil, input.now]);
  return row ? jobOfRow(row, input.owner, leaseUntil) : null;
}

/**
 * See sqlite-media.ts finishMediaDownloadSync. The row is locked first (a withdrawal or another finisher waits), and
 * a stored file is counted against the shop's storage under one lock, so two relays finishing at once cannot both
 * fit into the last free bytes.
 */
export async function finishMediaDownload(tx: PgTx, input: FinishMediaDownloadInput): Promise<FinishMediaDownloadResult> {
  const { outcome, now } = input;
  if (outcome.kind === 'stored') await tx.lock(LOCKS.mediaStorage);
  const row = await tx.row<{ conversation_id: string; message_id: string; state: string; lease_owner: string | null }>(
    'SELECT conversation_id, message_id, state, lease_owner FROM media_items WHERE media_id = $1 FOR UPDATE',
    [input.mediaId],
  );
  if (!row || row.state !== 'pending' || row.lease_owner !== input.leaseOwner) return { accepted: false, keepFiles: false, appended: [] };
  if (outcome.kind === 'retry') {
    await tx.run(
      `UPDATE media_items SET attempts = attempts + $1, next_attempt_at = $2, lease_owner = NULL, lease_until = NULL, last_error = $3, updated_at = $4
       WHERE media_id = $5`,
      [outcome.countsAsAttempt ? 1 : 0, outcome.retryAt, outcome.detail.slice(0, 500), now, input.mediaId],
    );
    return { accepted: true, keepFiles: false, appended: [] };
  }
  if (outcome.kind === 'stored' && (await mediaBytesStored(tx)) + outcome.size <= outcome.maxTotalBytes) {
    await tx.run(
      `UPDATE media_items SET state = 'stored', content_type = $1, size = $2, preview_content_type = $3, lease_owner = NULL, lease_until = NULL,
         last_error = NULL, updated_at = $4 WHERE media_id = $5`,
      [outcome.contentType, outcome.size, outcome.previewContentType, now, input.mediaId],
    );
    tx.emit([mediaReadyEvent(input.mediaId, row, outcome, now)]);
    return { accepted: true, keepFiles: true, appended: [] };
  }
  const { reason, detail } = unavailability(outcome);
  await tx.run(
    `UPDATE media_items SET state = 'unavailable', unavailable_reason = $1, last_error = $2, lease_owner = NULL, lease_until = NULL, updated_at = $3
     WHERE media_id = $4`,
    [reason, detail.slice(0, 500), now, input.mediaId],
  );
  tx.emit([mediaUnavailableEvent(row, reason, now)]);
  return { accepted: true, keepFiles: false, appended: [] };
}

export async function getMedia(tx: PgTx, mediaId: string): Promise<StoredMediaRecord | null> {
  const row = await tx.row<StoredMediaRecord>(
    `SELECT media_id AS "mediaId", conversation_id AS "conversationId", kind, state, content_type AS "contentType", size,
            file_name AS "fileName", preview_content_type AS "previewContentType" FROM media_items WHERE media_id = $1`,
    [mediaId],
  );
  return row ?? null;
}

/** The shop's media storage in use: customers' downloaded content and web chat visitors' uploads (schema version 7). */
export async function mediaBytesStored(tx: PgTx): Promise<number> {
  const row = await tx.row<{ used: number }>(
    `SELECT ((SELECT COALESCE(SUM(size), 0) FROM media_items WHERE state = 'stored') + (SELECT COALESCE(SUM(size), 0) FROM webchat_uploads))::bigint AS used`,
  );
  return row?.used ?? 0;
}

export async function nextMediaDueAt(tx: PgTx): Promise<number | null> {
  const row = await tx.row<{ due: number | null }>(
    `SELECT MIN(GREATEST(next_attempt_at, COALESCE(lease_until, 0))) AS due FROM media_items WHERE state = 'pending'`,
  );
  return row?.due ?? null;
}

/** SQLite's column aliases, quoted so PostgreSQL keeps their case. */
const PG_UPLOAD_COLUMNS = UPLOAD_COLUMNS.replace(/ AS (\w+)/g, ' AS "$1"');

export async function recordUpload(tx: PgTx, record: UploadRecord): Promise<UploadRecord> {
  await tx.run(
    `INSERT INTO uploads (upload_id, public_id, agent_name, kind, content_type, size, file_name, preview_content_type, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
    [record.uploadId, record.publicId, record.agentName, record.kind, record.contentType, record.size, record.fileName, record.previewContentType, record.createdAt],
  );
  return (await getUpload(tx, record.uploadId))!;
}

export async function getUpload(tx: PgTx, uploadId: string): Promise<UploadRecord | null> {
  return (await tx.row<UploadRecord>(`SELECT ${PG_UPLOAD_COLUMNS} FROM uploads WHERE upload_id = $1`, [uploadId])) ?? null;
}

export async function getUploadByPublicId(tx: PgTx, publicId: string): Promise<UploadRecord | null> {
  return (await tx.row<UploadRecord>(`SELECT ${PG_UPLOAD_COLUMNS} FROM uploads WHERE public_id = $1`, [publicId])) ?? null;
}
