import { randomUUID } from 'node:crypto';
import type { IpcOutput } from '../../../shared/ipc/contract';
import { mutationAckSchema } from '../../../shared/protocol';
import type { SuggestionRule } from '../../../shared/suggestions/rules-schema';
import type { SessionManager } from '../session/session-manager';
import { RelayUnavailableError } from '../sync/sync-engine';
import { errorMessage } from '../sync/apply-events';

/**
 * rules:save goes straight to the relay instead of the outbox: the relay decides whether the edit still
 * applies (baseVersion), and the agent must see that answer — a conflict or a validation error — now,
 * not after some later reconnect. The new rules come back to every app as `rules.updated`.
 */
export async function saveRulesOnRelay(
  session: SessionManager,
  input: { rules: SuggestionRule[]; baseVersion: number },
): Promise<IpcOutput<'rules:save'>> {
  let raw: unknown;
  try {
    raw = await session.mutateNow({ id: randomUUID(), type: 'rules.save', payload: input });
  } catch (error) {
    if (error instanceof RelayUnavailableError) {
      return { ok: false, code: 'OFFLINE', message: `The rules can only be saved while connected to the relay: ${error.message}` };
    }
    return { ok: false, code: 'INTERNAL', message: errorMessage(error) };
  }
  const ack = mutationAckSchema.safeParse(raw);
  if (!ack.success) return { ok: false, code: 'INTERNAL', message: 'The relay gave an unreadable answer to rules.save' };
  if (!ack.data.ok) return { ok: false, code: ack.data.code, message: ack.data.message };
  if (!('version' in ack.data)) return { ok: false, code: 'INTERNAL', message: 'The relay answered rules.save without a version' };
  return { ok: true, version: ack.data.version };
}
