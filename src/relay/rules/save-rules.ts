import type { MutationAck, RulesSavePayload } from '../../shared/protocol';
import { parseRulesFile } from '../../shared/suggestions/rules-schema';
import type { AuthenticatedAgent } from '../auth/agent-tokens';
import type { RelayStore } from '../store/relay-store';

/** At most this many problems are listed in one answer; the editor shows the rest after a fix. */
const MAX_LISTED_ERRORS = 10;

/**
 * `rules.save`: the relay checks the whole file with the same parser the app and the CLI use (so an
 * old or buggy client cannot store rules the engine would refuse), then saves it if `baseVersion` is
 * still the newest version.
 */
export async function saveRulesMutation(
  store: RelayStore,
  mutationId: string,
  payload: RulesSavePayload,
  agent: AuthenticatedAgent,
  now: number,
): Promise<MutationAck> {
  const parsed = parseRulesFile(JSON.stringify({ rules: payload.rules }));
  if (!parsed.ok) {
    const listed = parsed.errors.slice(0, MAX_LISTED_ERRORS).map((error) => error.message);
    const more = parsed.errors.length - listed.length;
    return {
      ok: false,
      code: 'INVALID_MUTATION',
      message: `Invalid rules: ${listed.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`,
    };
  }
  return (await store.saveRules({ mutationId, rules: parsed.rules, baseVersion: payload.baseVersion, agentName: agent.name, now })).answer;
}
