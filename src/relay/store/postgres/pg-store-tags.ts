import type { RelayStorePart } from '../relay-store-parts';
import type { PgStoreContext } from './pg-store-context';
import { applyTagMutation, friendTagNames, segmentMembers } from './pg-tags';

/** The PostgreSQL store's tags and the segments they select. */
export function pgTagsPart({ reader, writeResult }: PgStoreContext): RelayStorePart<'tags'> {
  return {
    applyTagMutation(input) {
      return writeResult((tx) => applyTagMutation(tx, input));
    },

    segmentMembers(segment) {
      return segmentMembers(reader, segment);
    },

    friendTagNames(friendId) {
      return friendTagNames(reader, friendId);
    },
  };
}
