import type { IpcOutput } from '../../../shared/ipc/contract';
import { mutationErrorSchema, rulesSaveResultSchema } from '../../../shared/protocol/mutations';
import type { SuggestionRule } from '../../../shared/suggestions/rules-schema';
import type { SessionManager } from '../session/session-manager';
import { mutateOnRelayNow } from './direct-mutation';

const rulesSaveAckSchema = rulesSaveResultSchema.or(mutationErrorSchema);

/** rules:save goes straight to the relay (see mutateOnRelayNow); the new rules come back as `rules.updated`. */
export async function saveRulesOnRelay(
  session: SessionManager,
  input: { rules: SuggestionRule[]; baseVersion: number },
): Promise<IpcOutput<'rules:save'>> {
  const result = await mutateOnRelayNow(session, { type: 'rules.save', payload: input }, rulesSaveAckSchema, 'rules');
  return result.ok ? { ok: true, version: result.version } : result;
}
