import type { Channel, DownloadedMediaKind, MediaUnavailableReason, RelayEvent } from '../../shared/protocol';

/** One queued download, leased to one relay process until `leaseUntil`. */
export interface MediaDownloadJob {
  mediaId: string;
  conversationId: string;
  channel: Channel;
  /** The platform id of the message the content belongs to. */
  messageId: string;
  kind: DownloadedMediaKind;
  source: 'line' | 'url';
  /** LINE's message id, or the URL. */
  sourceRef: string;
  /** The file name the customer gave (files), for the download's Content-Disposition. */
  fileName: string | null;
  /** Downloads tried before this one. */
  attempts: number;
  leaseOwner: string;
  leaseUntil: number;
  /** When the message arrived (the platform keeps content only for a while). */
  createdAt: number;
}

export type MediaDownloadOutcome =
  /** The file (and its preview, when there is one) is on disk under the media id. */
  | { kind: 'stored'; contentType: string; size: number; previewContentType: string | null; maxTotalBytes: number }
  | { kind: 'unavailable'; reason: MediaUnavailableReason; detail: string }
  /** Try again after `retryAt` (transcoding still running, a transient failure). */
  | { kind: 'retry'; retryAt: number; detail: string; countsAsAttempt: boolean };

export interface FinishMediaDownloadInput {
  mediaId: string;
  leaseOwner: string;
  outcome: MediaDownloadOutcome;
  now: number;
}

export interface FinishMediaDownloadResult {
  /** False when the lease was lost (another process took the job) or the message was withdrawn: drop the files. */
  accepted: boolean;
  /** A stored file that did not fit the shop's storage became `storage_full`: drop the files. */
  keepFiles: boolean;
  appended: RelayEvent[];
}

export interface StoredMediaRecord {
  mediaId: string;
  conversationId: string;
  kind: DownloadedMediaKind;
  state: 'pending' | 'stored' | 'unavailable' | 'withdrawn';
  contentType: string | null;
  size: number | null;
  fileName: string | null;
  previewContentType: string | null;
}

/** A photo or file an agent uploaded to send; `publicId` names it at RELAY_PUBLIC_URL/public/media/<publicId>. */
export interface UploadRecord {
  uploadId: string;
  publicId: string;
  agentName: string;
  kind: 'image' | 'file';
  contentType: string;
  size: number;
  fileName: string;
  previewContentType: string | null;
  createdAt: number;
}

/** What an outgoing message carries besides its (stand-in) text, as stored with it. */
export type OutboundContent =
  | { type: 'image'; publicId: string; contentType: string; size: number; previewContentType: string | null }
  | { type: 'file'; publicId: string; contentType: string; size: number; fileName: string }
  | { type: 'sticker'; packageId: string; stickerId: string };

/** Content downloads (sqlite-media.ts): the queue lives in the store, so any relay process resumes it. */
export interface MediaStore {
  /** Records an upload whose files are in place; a repeated id keeps (and returns) the first record. */
  recordUpload(record: UploadRecord): Promise<UploadRecord>;
  getUpload(uploadId: string): Promise<UploadRecord | null>;
  getUploadByPublicId(publicId: string): Promise<UploadRecord | null>;
  /** Leases the next due download (or one whose lease ran out), or null. */
  claimMediaDownload(input: { now: number; leaseMs: number; owner: string }): Promise<MediaDownloadJob | null>;
  /** Records the download's outcome (and announces mediaReady / mediaUnavailable) if the lease is still held. */
  finishMediaDownload(input: FinishMediaDownloadInput): Promise<FinishMediaDownloadResult>;
  getMedia(mediaId: string): Promise<StoredMediaRecord | null>;
  /** Bytes of stored content (the shop's storage use). */
  mediaBytesStored(): Promise<number>;
  /** The earliest time a pending download is due, or null when none is waiting. */
  nextMediaDueAt(): Promise<number | null>;
}
