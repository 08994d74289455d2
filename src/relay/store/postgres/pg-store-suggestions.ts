import type { RelayStorePart } from '../relay-store-parts';
import { RULES } from '../sqlite-rules';
import type { PgStoreContext } from './pg-store-context';
import * as learning from './pg-suggestion-learning';
import { latestDocument, latestVersion, saveDocument } from './pg-versioned-documents';

/** The PostgreSQL store's reply suggestions: the shop's rules document and what the team taught them. */
export function pgSuggestionsPart({ reader, writeResult }: PgStoreContext): RelayStorePart<'suggestions'> {
  return {
    latestRulesVersion() {
      return latestVersion(reader, RULES);
    },

    async latestRules() {
      const stored = await latestDocument(reader, RULES);
      return stored ? { version: stored.version, rules: stored.document, updatedBy: stored.updatedBy, updatedAt: stored.updatedAt } : null;
    },

    async saveRules(input) {
      return { answer: await writeResult((tx) => saveDocument(tx, RULES, { ...input, document: input.rules })) };
    },

    async recordSuggestionFeedback(input) {
      return writeResult((tx) => learning.recordSuggestionFeedback(tx, input));
    },

    async reviewSuggestionFeedback(input) {
      return writeResult((tx) => learning.reviewSuggestionFeedback(tx, input));
    },
  };
}
