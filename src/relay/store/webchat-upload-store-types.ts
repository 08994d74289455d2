import type { UploadRecord } from './media-store-types';

/** A photo or file a web chat visitor uploaded (sqlite-webchat-uploads.ts, schema v16); described like an agent's upload. */
export interface VisitorUploadRecord extends Pick<UploadRecord, 'uploadId' | 'kind' | 'contentType' | 'size' | 'fileName' | 'previewContentType' | 'createdAt'> {
  /** Names the file in the media folder and its paths: `/media/<mediaId>` (agents), `/webchat/media/<mediaId>` (the visitor). */
  mediaId: string;
  /** Set once a send attached it: the message and the conversation it went into. */
  messageId: string | null;
  conversationId: string | null;
}

export interface RecordVisitorUploadInput {
  visitorId: string;
  /** The visitor's source address (rate limits). */
  address: string;
  record: Omit<VisitorUploadRecord, 'messageId' | 'conversationId'>;
  limits: {
    /** Uploads in `windowMs` before this one, per visitor id and per address. */
    perVisitor: number;
    perAddress: number;
    windowMs: number;
    /** The shop's media storage (RELAY_MEDIA_MAX_TOTAL_BYTES): customers' downloads and visitors' uploads together. */
    maxTotalBytes: number;
  };
}

export type RecordVisitorUploadResult =
  | { kind: 'stored'; record: VisitorUploadRecord }
  /** The visitor uploaded this id before: the first upload stands (this copy's files go). */
  | { kind: 'repeat'; record: VisitorUploadRecord }
  | { kind: 'refused'; code: 'RATE_LIMITED' | 'STORAGE_FULL'; message: string };

/** Visitors' uploads: stored, attached to one message of the visitor's own conversation, swept when never sent. */
export interface VisitorUploadStore {
  /**
   * In one transaction: the rate limits and the shop's storage are checked, then the upload is recorded. Uploads
   * reaching several relay processes at once are counted as if they came one after another.
   */
  recordVisitorUpload(input: RecordVisitorUploadInput): Promise<RecordVisitorUploadResult>;
  findVisitorUpload(visitorId: string, uploadId: string): Promise<VisitorUploadRecord | null>;
  /**
   * Attaches the visitor's own upload to their message (`messageId`, derived from the send's clientId) in
   * `conversationId`; a resend of the same message finds it attached already. null: not this visitor's upload,
   * or attached to another message.
   */
  attachVisitorUpload(input: { visitorId: string; uploadId: string; conversationId: string; messageId: string }): Promise<VisitorUploadRecord | null>;
  /** A sent upload by its media id (what the media routes serve); null for unknown or never-sent ones. */
  sentVisitorUpload(mediaId: string): Promise<VisitorUploadRecord | null>;
  /** Removes the records of uploads never sent before `before`; returns their media ids (files to delete), each to one caller only. */
  takeUnsentVisitorUploads(before: number): Promise<string[]>;
}
