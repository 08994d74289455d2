import type { RelayStorePart } from './relay-store-parts';
import { findAgentTokenSync, findAgentTokensSync, insertAgentTokenSync, listAgentTokensSync, revokeAgentTokensSync } from './sqlite-agent-tokens';
import type { SqliteStoreContext } from './sqlite-store-context';
import {
  createTokenByMutationSync,
  endAgentSessionSync,
  latestInboxSettingsSync,
  revokeTokensByMutationSync,
  saveInboxSettingsSync,
  teamMembersSync,
  teamReportEventsSync,
  touchAgentSessionSync,
} from './sqlite-team-admin';
import { applyWorkflowMutationSync, conversationWorkflowSync } from './sqlite-workflow';

/**
 * The SQLite store's team: agent tokens, the conversations' workflow (status, assignee, notes), inbox settings,
 * agent sessions and the roster, and the events of the team report.
 */
export function sqliteTeamPart({ db, write, writeAndNotify, notify }: SqliteStoreContext): RelayStorePart<'team'> {
  return {
    async insertAgentToken(token) {
      write(() => insertAgentTokenSync(db, token));
    },

    async findAgentToken(tokenHash) {
      return findAgentTokenSync(db, tokenHash);
    },

    async findAgentTokens(tokenHashes) {
      return findAgentTokensSync(db, tokenHashes);
    },

    async revokeAgentTokens(name, revokedAt) {
      return write(() => revokeAgentTokensSync(db, name, revokedAt));
    },

    async listAgentTokens() {
      return listAgentTokensSync(db);
    },

    async applyWorkflowMutation(input) {
      const { answer, appended } = write(() => applyWorkflowMutationSync(db, input));
      notify(appended);
      return answer;
    },

    async getConversationWorkflow(conversationId) {
      return conversationWorkflowSync(db, conversationId);
    },

    async latestInboxSettings() {
      return latestInboxSettingsSync(db);
    },

    async saveInboxSettings(input) {
      return writeAndNotify(() => saveInboxSettingsSync(db, input));
    },

    async touchAgentSession(input) {
      write(() => touchAgentSessionSync(db, input));
    },

    async endAgentSession(sessionId) {
      write(() => endAgentSessionSync(db, sessionId));
    },

    async teamMembers(now) {
      return teamMembersSync(db, now);
    },

    async createTokenByMutation(input) {
      return write(() => createTokenByMutationSync(db, input));
    },

    async revokeTokensByMutation(input) {
      return write(() => revokeTokensByMutationSync(db, input));
    },

    async teamReportEvents(from, to) {
      return teamReportEventsSync(db, from, to);
    },
  };
}
