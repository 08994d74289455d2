import { z } from 'zod';
import { SEGMENT_EXPORT_PATH, mutationSchema, tagMutationAckSchema, type Mutation } from '../../../shared/protocol';
import { parseRelayAddress } from '../../../shared/connection/relay-address';
import type { Credentials } from '../session/credential-store';
import { errorMessage } from '../sync/apply-events';
import { randomUUID } from 'node:crypto';

/** What lead actions need from the running session: they go straight to the relay, never via the outbox. */
export interface RelayAccess {
  sendNow(mutation: Mutation): Promise<unknown>;
  credentials(): Credentials | null;
  isOnline(): boolean;
}

type Failure = { ok: false; code: string; message: string };
const OFFLINE: Failure = { ok: false, code: 'OFFLINE', message: 'Connect to the relay first: the relay applies this for the whole shop at once' };

/**
 * tag.rename / tag.merge / tag.delete: shop-wide, so they are not applied optimistically — the relay
 * checks the role, applies the change atomically to every friend and the tag.* event updates this app.
 */
export async function runLeadMutation(
  access: RelayAccess,
  type: 'tag.rename' | 'tag.merge' | 'tag.delete',
  payload: Record<string, string>,
  now: () => number,
): Promise<{ ok: true; affected: number } | Failure> {
  const mutation = mutationSchema.safeParse({ id: randomUUID(), type, payload: { ...payload, clientTime: now() } });
  if (!mutation.success) return { ok: false, code: 'INVALID_TAG', message: mutation.error.issues.map((issue) => issue.message).join('; ') };
  if (!access.isOnline()) return OFFLINE;
  let raw: unknown;
  try {
    raw = await access.sendNow(mutation.data);
  } catch (error) {
    return { ok: false, code: 'OFFLINE', message: errorMessage(error) };
  }
  const ack = tagMutationAckSchema.safeParse(raw);
  if (!ack.success) return { ok: false, code: 'INTERNAL', message: `The relay gave an unreadable answer: ${z.prettifyError(ack.error)}` };
  if (!ack.data.ok) return ack.data;
  return { ok: true, affected: ack.data.affected ?? 0 };
}

const exportErrorSchema = z.object({ code: z.string().optional(), error: z.string() });

/** Asks the relay (the authority on tags, and on who may export) for a CSV segment. */
export async function exportSegment(
  access: RelayAccess,
  query: { tags: string[]; mode: 'and' | 'or' },
  fetchImpl: typeof fetch = fetch,
): Promise<{ ok: true; filename: string; csv: string; count: number } | Failure> {
  const credentials = access.credentials();
  if (!credentials) return OFFLINE;
  // The Bearer header is the agent token: never over plain http to a public host.
  const address = parseRelayAddress(credentials.relayUrl);
  if (!address.ok) return { ok: false, code: address.code, message: address.message };
  let response: Response;
  try {
    response = await fetchImpl(`${address.url}${SEGMENT_EXPORT_PATH}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${credentials.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(query),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    return { ok: false, code: 'OFFLINE', message: `Cannot reach the relay: ${errorMessage(error)}` };
  }
  // Decoded by hand: Response.text() would strip the byte-order mark Excel needs.
  const body = Buffer.from(await response.arrayBuffer()).toString('utf8');
  if (!response.ok) {
    let parsed: z.infer<typeof exportErrorSchema> | null = null;
    try {
      parsed = exportErrorSchema.parse(JSON.parse(body));
    } catch {
      // not our JSON error shape: report the status below
    }
    return { ok: false, code: parsed?.code ?? `HTTP_${response.status}`, message: parsed?.error ?? `The relay answered ${response.status}` };
  }
  const filename = /filename="([^"]+)"/u.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'segment.csv';
  return { ok: true, filename, csv: body, count: Number(response.headers.get('x-segment-members') ?? 0) };
}
