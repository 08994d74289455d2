import {
  WEBCHAT_LIMITS,
  webchatSendAttachmentFrameSchema,
  webchatSendFrameSchema,
  type WebchatAttachment,
  type WebchatSendAck,
} from '../../../shared/protocol/webchat';
import type { VisitorUploadRecord } from '../../store/webchat-store-types';

/** What a visitor's `send` asks for: a text, or a photo or file they uploaded first. */
export type VisitorSend = { clientId: string; text: string } | { clientId: string; uploadId: string };

export const firstIssue = (error: { issues: readonly { message: string }[] }) => error.issues[0]?.message ?? 'Invalid frame';

/** Checks a `send` frame (docs/protocol.md, "Web chat (visitors)"); a refusal is the acknowledgement to answer. */
export function parseVisitorSend(raw: unknown): { ok: true; send: VisitorSend } | { ok: false; refusal: WebchatSendAck } {
  if (typeof raw === 'object' && raw !== null && 'attachment' in raw) {
    const frame = webchatSendAttachmentFrameSchema.safeParse(raw);
    if (!frame.success) return { ok: false, refusal: { ok: false, code: 'INVALID', message: firstIssue(frame.error) } };
    return { ok: true, send: { clientId: frame.data.clientId, uploadId: frame.data.attachment.uploadId } };
  }
  const frame = webchatSendFrameSchema.safeParse(raw);
  if (frame.success) return { ok: true, send: frame.data };
  const text = (raw as { text?: unknown } | null)?.text;
  const tooLong = typeof text === 'string' && text.trim().length > WEBCHAT_LIMITS.textMax;
  return { ok: false, refusal: { ok: false, code: tooLong ? 'TOO_LONG' : 'INVALID', message: firstIssue(frame.error) } };
}

/**
 * How the visitor's page shows a photo or file they sent (served without credentials once sent) — the same as the
 * conversation's history gives it (visitor-messages.ts: a photo has no name of its own there, like LINE's).
 */
export function ownAttachmentOf(upload: VisitorUploadRecord): WebchatAttachment {
  return { kind: upload.kind, path: `/webchat/media/${upload.mediaId}`, name: upload.kind === 'file' ? upload.fileName : 'photo', size: upload.size };
}
