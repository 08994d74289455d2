import type { RelayStorePart } from './relay-store-parts';
import type { SqliteStoreContext } from './sqlite-store-context';
import { applyTagMutationSync, friendTagNamesSync, segmentMembersSync } from './sqlite-tags';

/** The SQLite store's tags and the segments they select. */
export function sqliteTagsPart({ db, write, notify }: SqliteStoreContext): RelayStorePart<'tags'> {
  return {
    async applyTagMutation(input) {
      const { answer, appended } = write(() => applyTagMutationSync(db, input));
      notify(appended);
      return answer;
    },

    async segmentMembers(query) {
      return segmentMembersSync(db, query);
    },

    async friendTagNames(friendId) {
      return friendTagNamesSync(db, friendId);
    },
  };
}
