import type { RelayStorePart } from './relay-store-parts';
import { latestRulesSync, latestRulesVersionSync, saveRulesSync } from './sqlite-rules';
import type { SqliteStoreContext } from './sqlite-store-context';
import { recordSuggestionFeedbackSync, reviewSuggestionFeedbackSync } from './sqlite-suggestion-learning';

/** The SQLite store's reply suggestions: the shop's rules document and what the team taught them. */
export function sqliteSuggestionsPart({ db, write, writeAndNotify, notify }: SqliteStoreContext): RelayStorePart<'suggestions'> {
  return {
    async latestRulesVersion() {
      return latestRulesVersionSync(db);
    },

    async latestRules() {
      return latestRulesSync(db);
    },

    async saveRules(input) {
      return writeAndNotify(() => saveRulesSync(db, input));
    },

    async recordSuggestionFeedback(input) {
      const { answer, appended } = write(() => recordSuggestionFeedbackSync(db, input));
      notify(appended);
      return answer;
    },

    async reviewSuggestionFeedback(input) {
      const { answer, appended } = write(() => reviewSuggestionFeedbackSync(db, input));
      notify(appended);
      return answer;
    },
  };
}
