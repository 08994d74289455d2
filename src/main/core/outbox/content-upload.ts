import { z } from 'zod';
import { replySendContentPayload, uploadResultSchema } from '../../../shared/protocol/outbound-content';
import type { Mutation } from '../../../shared/protocol/mutations';
import type { Credentials } from '../session/credential-store';
import type { OutboxFiles } from './outbox-files';

export type UploadOutcome = { ok: true } | { ok: false; permanent: boolean; message: string };

const errorSchema = z.object({ error: z.string() });

/**
 * Before a `reply.sendContent` goes to the relay, its photo or file is uploaded (`PUT /uploads/<uploadId>`, the
 * token in the header). The id is the outbox row's, so an upload retried after a lost answer is stored once.
 * Network trouble and 5xx are retried with the row; 4xx answers (too large, wrong type) are permanent.
 */
export async function uploadBeforeSend(
  mutation: Mutation,
  deps: { credentials: () => Credentials | null; files: OutboxFiles; fileNameOf: (mutationId: string) => string | null; fetch?: typeof fetch },
): Promise<UploadOutcome> {
  if (mutation.type !== 'reply.sendContent') return { ok: true };
  const payload = replySendContentPayload.parse(mutation.payload);
  const content = payload.content;
  if (content.type === 'sticker') return { ok: true };
  const credentials = deps.credentials();
  if (!credentials) return { ok: false, permanent: false, message: 'Not signed in to a relay' };
  const bytes = await deps.files.read(content.uploadId);
  if (!bytes) return { ok: false, permanent: true, message: 'The file to send is no longer on this computer' };
  const name = deps.fileNameOf(mutation.id);
  let response: Response;
  try {
    response = await (deps.fetch ?? fetch)(new URL(`/uploads/${content.uploadId}?kind=${content.type}`, credentials.relayUrl), {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${credentials.token}`,
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name ?? content.uploadId),
      },
      body: new Uint8Array(bytes),
      redirect: 'error',
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    return { ok: false, permanent: false, message: `Upload failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && uploadResultSchema.safeParse(body).success) return { ok: true };
  const message = errorSchema.safeParse(body).data?.error ?? `The relay answered ${response.status}`;
  return { ok: false, permanent: response.status >= 400 && response.status < 500 && response.status !== 401 && response.status !== 408 && response.status !== 429, message };
}
