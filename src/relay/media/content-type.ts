import { fileTypeFromBuffer } from 'file-type';
import type { DownloadedMediaKind } from '../../shared/protocol';

/** Programs are never kept, whatever they are called: an agent must not be one click from running one. */
const REFUSED_TYPES: ReadonlySet<string> = new Set([
  'application/x-msdownload',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sh',
  'application/vnd.microsoft.portable-executable',
]);

/** What the kind of message may contain, by the bytes' real type. */
const ACCEPTED_FAMILIES: Record<DownloadedMediaKind, (type: string) => boolean> = {
  image: (type) => type.startsWith('image/'),
  // LINE's and Meta's videos are MP4/QuickTime; some phones send 3GP or WebM.
  video: (type) => type.startsWith('video/') || type === 'application/mp4',
  // Voice messages are M4A (AAC in MP4), some platforms send MP3, Ogg or WAV; M4A sniffs as audio/x-m4a or video/mp4.
  audio: (type) => type.startsWith('audio/') || type === 'video/mp4' || type === 'application/mp4',
  file: (type) => !REFUSED_TYPES.has(type),
};

/**
 * The content type of a download by its magic bytes, never by its name or the sender's word; null when the bytes
 * are not what the kind of message may carry. Files whose type has no signature (plain text, CSV) are kept as
 * application/octet-stream.
 */
export async function sniffContentType(head: Buffer, kind: DownloadedMediaKind): Promise<string | null> {
  const detected = await fileTypeFromBuffer(head);
  if (!detected) return kind === 'file' ? 'application/octet-stream' : null;
  return ACCEPTED_FAMILIES[kind](detected.mime) ? detected.mime : null;
}

/** A preview must be an image a browser shows. */
export async function sniffPreviewType(head: Buffer): Promise<string | null> {
  const detected = await fileTypeFromBuffer(head);
  return detected && ['image/jpeg', 'image/png', 'image/gif', 'image/webp'].includes(detected.mime) ? detected.mime : null;
}
