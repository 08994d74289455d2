import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Mutation } from '../../../shared/protocol';
import type { MutationError } from '../../../shared/protocol/mutations';
import type { SessionManager } from '../session/session-manager';
import { RelayUnavailableError } from '../sync/sync-engine';
import { errorMessage } from '../sync/apply-events';

type Failure = { ok: false; code: string; message: string };

/**
 * Sends a shop-wide change straight to the relay instead of the outbox (rules.save, catalog.save): the relay
 * decides whether the edit still applies (baseVersion), and the agent must see that answer — a conflict
 * or a validation error — now, not after some later reconnect. The result comes back to every app as an event.
 * `what` names the thing saved, for the offline message.
 */
export async function mutateOnRelayNow<Ok extends { ok: true }>(
  session: Pick<SessionManager, 'mutateNow'>,
  mutation: Omit<Mutation, 'id'>,
  ackSchema: z.ZodType<Ok | MutationError>,
  what: string,
): Promise<Ok | Failure> {
  let raw: unknown;
  try {
    raw = await session.mutateNow({ ...mutation, id: randomUUID() } as Mutation);
  } catch (error) {
    if (error instanceof RelayUnavailableError) {
      return { ok: false, code: 'OFFLINE', message: `The ${what} can only be saved while connected to the relay: ${error.message}` };
    }
    return { ok: false, code: 'INTERNAL', message: errorMessage(error) };
  }
  const ack = ackSchema.safeParse(raw);
  if (!ack.success) return { ok: false, code: 'INTERNAL', message: `The relay gave an unreadable answer to ${mutation.type}` };
  if (!ack.data.ok) return { ok: false, code: ack.data.code, message: ack.data.message };
  return ack.data;
}
