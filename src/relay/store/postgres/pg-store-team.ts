import type { RelayStorePart } from '../relay-store-parts';
import { SETTINGS } from '../sqlite-team-admin';
import * as tokens from './pg-agent-tokens';
import type { PgStoreContext } from './pg-store-context';
import * as team from './pg-team-admin';
import { saveDocument } from './pg-versioned-documents';
import { applyWorkflowMutation, conversationWorkflow, lockWorkflowMutation } from './pg-workflow';

/**
 * The PostgreSQL store's team: agent tokens, the conversations' workflow (status, assignee, notes), inbox
 * settings, agent sessions and the roster, and the events of the team report.
 */
export function pgTeamPart({ reader, write, writeResult }: PgStoreContext): RelayStorePart<'team'> {
  return {
    async insertAgentToken(token) {
      await write((tx) => tokens.insertAgentToken(tx, token));
    },

    async findAgentToken(tokenHash) {
      return (await tokens.findAgentTokens(reader, [tokenHash]))[0] ?? null;
    },

    findAgentTokens(tokenHashes) {
      return tokens.findAgentTokens(reader, tokenHashes);
    },

    revokeAgentTokens(name, revokedAt) {
      return writeResult((tx) => tokens.revokeAgentTokens(tx, name, revokedAt));
    },

    listAgentTokens() {
      return tokens.listAgentTokens(reader);
    },

    applyWorkflowMutation(input) {
      return writeResult(async (tx) => {
        await lockWorkflowMutation(tx, input);
        return applyWorkflowMutation(tx, input);
      });
    },

    getConversationWorkflow(conversationId) {
      return conversationWorkflow(reader, conversationId);
    },

    latestInboxSettings() {
      return team.latestInboxSettings(reader);
    },

    async saveInboxSettings(input) {
      return { answer: await writeResult((tx) => saveDocument(tx, SETTINGS, { ...input, document: input.settings })) };
    },

    async touchAgentSession(input) {
      await write((tx) => team.touchAgentSession(tx, input));
    },

    async endAgentSession(sessionId) {
      await write((tx) => team.endAgentSession(tx, sessionId));
    },

    teamMembers(now) {
      return team.teamMembers(reader, now);
    },

    createTokenByMutation(input) {
      return writeResult((tx) => team.createTokenByMutation(tx, input));
    },

    revokeTokensByMutation(input) {
      return writeResult((tx) => team.revokeTokensByMutation(tx, input));
    },

    teamReportEvents(from, to) {
      return team.teamReportEvents(reader, from, to);
    },
  };
}
