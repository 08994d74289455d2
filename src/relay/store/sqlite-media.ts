import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { MediaUnavailableReason, NewRelayEvent, RelayEvent } from '../../shared/protocol';
import type { MediaDownloadSource } from './channel-store-types';
import type {
  FinishMediaDownloadInput,
  FinishMediaDownloadResult,
  MediaDownloadJob,
  MediaDownloadOutcome,
  StoredMediaRecord,
  UploadRecord,
} from './media-store-types';
import { appendEventsSync } from './sqlite-event-log';
import { statement } from './statements';

/** The relay's path of a stored file (and its preview), answered only to agents (http/media-route.ts). */
export const mediaUrlOf = (mediaId: string) => `/media/${mediaId}`;
export const mediaPreviewUrlOf = (mediaId: string) => `/media/${mediaId}/preview`;

/** Random, so a media id says nothing about the message or the customer. */
function newMediaId(): string {
  return `m_${randomBytes(16).toString('base64url')}`;
}

/** A customer message's content to queue: due at once, under a new media id. */
export interface QueuedMedia {
  conversationId: string;
  channel: string;
  messageId: string;
  download: MediaDownloadSource;
  fileName: string | null;
  now: number;
}

/** The media_items row a queued download starts as (the column values after media_id, in INSERT order). */
export function queuedMediaRow(input: QueuedMedia): { mediaId: string; values: unknown[] } {
  const ref = input.download.source === 'line' ? input.download.platformMessageId : input.download.url;
  return {
    mediaId: newMediaId(),
    values: [input.conversationId, input.channel, input.messageId, input.download.kind, input.download.source, ref, input.now, input.fileName, input.now, input.now],
  };
}

/** Queues the content of a customer's message in the caller's (ingest) transaction; due at once. */
export function queueMediaSync(db: Database.Database, input: QueuedMedia): void {
  const row = queuedMediaRow(input);
  statement(
    db,
    `INSERT OR IGNORE INTO media_items (media_id, conversation_id, channel, message_id, kind, source, source_ref, state, attempts,
       next_attempt_at, file_name, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?)`,
  ).run(row.mediaId, ...row.values);
}

/**
 * The customer unsent a message: its content is no longer served or downloaded. Returns the ids of files that
 * may be on disk (removed after the commit).
 */
export function withdrawMediaSync(db: Database.Database, channel: string, messageId: string, now: number): string[] {
  const row = statement(db, `SELECT media_id, state FROM media_items WHERE channel = ? AND message_id = ?`).get(channel, messageId) as
    | { media_id: string; state: string }
    | undefined;
  if (!row || row.state === 'withdrawn') return [];
  statement(db, `UPDATE media_items SET state = 'withdrawn', lease_owner = NULL, lease_until = NULL, updated_at = ? WHERE media_id = ?`).run(now, row.media_id);
  return [row.media_id];
}

export interface JobRow {
  media_id: string;
  conversation_id: string;
  channel: MediaDownloadJob['channel'];
  message_id: string;
  kind: MediaDownloadJob['kind'];
  source: MediaDownloadJob['source'];
  source_ref: string;
  file_name: string | null;
  attempts: number;
  created_at: number;
}

/** Takes the next due download, or one whose lease ran out (its process died mid-download). */
export function claimMediaDownloadSync(db: Database.Database, input: { now: number; leaseMs: number; owner: string }): MediaDownloadJob | null {
  const row = statement(
    db,
    `SELECT media_id, conversation_id, channel, message_id, kind, source, source_ref, file_name, attempts, created_at FROM media_items
     WHERE state = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
     ORDER BY next_attempt_at, rowid LIMIT 1`,
  ).get(input.now, input.now) as JobRow | undefined;
  if (!row) return null;
  const leaseUntil = input.now + input.leaseMs;
  statement(db, `UPDATE media_items SET lease_owner = ?, lease_until = ?, updated_at = ? WHERE media_id = ?`).run(input.owner, leaseUntil, input.now, row.media_id);
  return jobOfRow(row, input.owner, leaseUntil);
}

export function jobOfRow(row: JobRow, owner: string, leaseUntil: number): MediaDownloadJob {
  return {
    mediaId: row.media_id,
    conversationId: row.conversation_id,
    channel: row.channel,
    messageId: row.message_id,
    kind: row.kind,
    source: row.source,
    sourceRef: row.source_ref,
    fileName: row.file_name,
    attempts: row.attempts,
    leaseOwner: owner,
    leaseUntil,
    createdAt: row.created_at,
  };
}

/**
 * Records a download's outcome while the lease is still this process's, in one transaction with its event:
 * `message.mediaReady` (a stored file that fits the shop's storage) or `message.mediaUnavailable`.
 */
export function finishMediaDownloadSync(db: Database.Database, input: FinishMediaDownloadInput): FinishMediaDownloadResult {
  const row = statement(db, `SELECT conversation_id, message_id, state, lease_owner FROM media_items WHERE media_id = ?`).get(input.mediaId) as
    | { conversation_id: string; message_id: string; state: string; lease_owner: string | null }
    | undefined;
  if (!row || row.state !== 'pending' || row.lease_owner !== input.leaseOwner) return { accepted: false, keepFiles: false, appended: [] };
  const { outcome, now } = input;
  const event = (payload: NewRelayEvent): RelayEvent[] => appendEventsSync(db, [payload]);
  if (outcome.kind === 'retry') {
    statement(
      db,
      `UPDATE media_items SET attempts = attempts + ?, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL, last_error = ?, updated_at = ?
       WHERE media_id = ?`,
    ).run(outcome.countsAsAttempt ? 1 : 0, outcome.retryAt, outcome.detail.slice(0, 500), now, input.mediaId);
    return { accepted: true, keepFiles: false, appended: [] };
  }
  if (outcome.kind === 'stored') {
    const used = mediaBytesStoredSync(db);
    if (used + outcome.size <= outcome.maxTotalBytes) {
      statement(
        db,
        `UPDATE media_items SET state = 'stored', content_type = ?, size = ?, preview_content_type = ?, lease_owner = NULL, lease_until = NULL,
           last_error = NULL, updated_at = ? WHERE media_id = ?`,
      ).run(outcome.contentType, outcome.size, outcome.previewContentType, now, input.mediaId);
      const appended = event(mediaReadyEvent(input.mediaId, row, outcome, now));
      return { accepted: true, keepFiles: true, appended };
    }
  }
  const { reason, detail } = unavailability(outcome);
  statement(
    db,
    `UPDATE media_items SET state = 'unavailable', unavailable_reason = ?, last_error = ?, lease_owner = NULL, lease_until = NULL, updated_at = ?
     WHERE media_id = ?`,
  ).run(reason, detail.slice(0, 500), now, input.mediaId);
  const appended = event(mediaUnavailableEvent(row, reason, now));
  return { accepted: true, keepFiles: false, appended };
}

type MediaRowOfMessage = { conversation_id: string; message_id: string };

export function mediaReadyEvent(mediaId: string, row: MediaRowOfMessage, outcome: Extract<MediaDownloadOutcome, { kind: 'stored' }>, now: number): NewRelayEvent {
  const media = {
    url: mediaUrlOf(mediaId),
    contentType: outcome.contentType,
    size: outcome.size,
    ...(outcome.previewContentType ? { previewUrl: mediaPreviewUrlOf(mediaId) } : {}),
  };
  return { type: 'message.mediaReady', conversationId: row.conversation_id, occurredAt: now, payload: { messageId: row.message_id, media } };
}

/** Why the content is not available: the outcome's reason, or a stored file that did not fit the shop's storage. */
export function unavailability(outcome: Exclude<MediaDownloadOutcome, { kind: 'retry' }>): { reason: MediaUnavailableReason; detail: string } {
  if (outcome.kind === 'stored') return { reason: 'storage_full', detail: `the shop's media storage is full (${outcome.maxTotalBytes} bytes)` };
  return { reason: outcome.reason, detail: outcome.detail };
}

export function mediaUnavailableEvent(row: MediaRowOfMessage, reason: MediaUnavailableReason, now: number): NewRelayEvent {
  return { type: 'message.mediaUnavailable', conversationId: row.conversation_id, occurredAt: now, payload: { messageId: row.message_id, reason } };
}

export function getMediaSync(db: Database.Database, mediaId: string): StoredMediaRecord | null {
  const row = statement(
    db,
    `SELECT media_id AS mediaId, conversation_id AS conversationId, kind, state, content_type AS contentType, size, file_name AS fileName,
            preview_content_type AS previewContentType FROM media_items WHERE media_id = ?`,
  ).get(mediaId) as StoredMediaRecord | undefined;
  return row ?? null;
}

/** The shop's media storage in use: customers' downloaded content and web chat visitors' uploads (schema v16). */
export function mediaBytesStoredSync(db: Database.Database): number {
  return (
    statement(
      db,
      `SELECT (SELECT COALESCE(SUM(size), 0) FROM media_items WHERE state = 'stored') + (SELECT COALESCE(SUM(size), 0) FROM webchat_uploads) AS used`,
    ).get() as { used: number }
  ).used;
}

export function nextMediaDueAtSync(db: Database.Database): number | null {
  const row = statement(db, `SELECT MIN(MAX(next_attempt_at, COALESCE(lease_until, 0))) AS due FROM media_items WHERE state = 'pending'`).get() as {
    due: number | null;
  };
  return row.due;
}

export const UPLOAD_COLUMNS = `upload_id AS uploadId, public_id AS publicId, agent_name AS agentName, kind, content_type AS contentType, size,
  file_name AS fileName, preview_content_type AS previewContentType, created_at AS createdAt`;

export function recordUploadSync(db: Database.Database, record: UploadRecord): UploadRecord {
  statement(
    db,
    `INSERT OR IGNORE INTO uploads (upload_id, public_id, agent_name, kind, content_type, size, file_name, preview_content_type, created_at)
     VALUES (@uploadId, @publicId, @agentName, @kind, @contentType, @size, @fileName, @previewContentType, @createdAt)`,
  ).run(record);
  return getUploadSync(db, record.uploadId)!;
}

export function getUploadSync(db: Database.Database, uploadId: string): UploadRecord | null {
  return (statement(db, `SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE upload_id = ?`).get(uploadId) as UploadRecord | undefined) ?? null;
}

export function getUploadByPublicIdSync(db: Database.Database, publicId: string): UploadRecord | null {
  return (statement(db, `SELECT ${UPLOAD_COLUMNS} FROM uploads WHERE public_id = ?`).get(publicId) as UploadRecord | undefined) ?? null;
}
