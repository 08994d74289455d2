import { randomBytes } from 'node:crypto';
import { LEAD_ONLY_MUTATION_TYPES, type Mutation, type MutationAck, type MutationError } from '../../shared/protocol';
import { AGENT_TOKEN_PREFIX, hashAgentToken, type AuthenticatedAgent } from '../auth/agent-tokens';
import type { RelayStore, WorkflowMutation } from '../store/relay-store';
import type { InboxSettings } from '../../shared/workflow/inbox-settings';

/**
 * The team-inbox mutations on the relay: status, assignment and notes (every agent, with the merge rule decided
 * in the store), and what only a lead may do (inbox settings, tokens). Roles are checked here, before anything
 * is stored; the store's transaction decides everything else.
 */

export type TeamMutation = Extract<Mutation, { type: WorkflowMutation['type'] | 'settings.save' | 'token.create' | 'token.revoke' }>;
const TEAM_TYPES: ReadonlySet<string> = new Set(['conversation.setStatus', 'conversation.assign', 'note.add', 'customer.setNote', 'settings.save', 'token.create', 'token.revoke']);

export function isTeamMutation(mutation: Mutation): mutation is TeamMutation {
  return TEAM_TYPES.has(mutation.type);
}

const WHAT_LEADS_DO: Record<string, string> = {
  'tag.rename': 'rename tags',
  'tag.merge': 'merge tags',
  'tag.delete': 'delete tags',
  'catalog.save': 'replace the catalog and the shop settings',
  'rules.save': 'save the reply rules',
  'settings.save': 'save the inbox settings',
  'token.create': 'create agent tokens',
  'token.revoke': 'revoke agent tokens',
};

/** FORBIDDEN for an agent token sending a lead-only mutation; null when the role may send it. */
export function refuseByRole(type: string, agent: AuthenticatedAgent): MutationError | null {
  if (agent.role === 'lead' || !LEAD_ONLY_MUTATION_TYPES.has(type)) return null;
  return { ok: false, code: 'FORBIDDEN', message: `Only a team lead may ${WHAT_LEADS_DO[type] ?? type}` };
}

export async function applyTeamMutation(store: RelayStore, mutation: TeamMutation, agent: AuthenticatedAgent, now: number): Promise<MutationAck> {
  switch (mutation.type) {
    case 'settings.save':
      return (
        await store.saveInboxSettings({
          mutationId: mutation.id,
          settings: await withKeptWelcome(store, mutation.payload.settings, mutation.payload.baseVersion),
          baseVersion: mutation.payload.baseVersion,
          agentName: agent.name,
          now,
        })
      ).answer;
    case 'token.create': {
      const token = `${AGENT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const { name, role } = mutation.payload;
      const result = await store.createTokenByMutation({
        mutationId: mutation.id,
        agentName: agent.name,
        token: { tokenHash: hashAgentToken(token), name, role, createdAt: now, revokedAt: null },
        now,
      });
      // Only the hash is stored; the token itself is in this first answer and nowhere else.
      return result.applied && result.answer.ok ? { ...result.answer, token } : result.answer;
    }
    case 'token.revoke':
      return (await store.revokeTokensByMutation({ mutationId: mutation.id, agentName: agent.name, name: mutation.payload.name, now })).answer;
    default:
      return store.applyWorkflowMutation({ mutation, agent, now });
  }
}

/**
 * An app that does not know the welcome saves settings without it: the welcome of the version its edit started
 * from is kept, so saving the held-reply alert never turns the welcome off. If another save came in between,
 * the save is refused with CONFLICT anyway (the store checks `baseVersion` in its transaction).
 */
async function withKeptWelcome(store: RelayStore, settings: InboxSettings, baseVersion: number): Promise<InboxSettings> {
  if (settings.welcome !== undefined) return settings;
  const current = await store.latestInboxSettings();
  return { ...settings, welcome: current?.version === baseVersion ? (current.settings.welcome ?? null) : null };
}
