import type { RelayStore } from './relay-store';
import { assembleRelayStore } from './relay-store-parts';
import { openSqliteStoreContext } from './sqlite-store-context';
import { sqliteConversationsPart } from './sqlite-store-conversations';
import { sqliteMediaPart } from './sqlite-store-media';
import { sqliteOrdersPart } from './sqlite-store-orders';
import { sqliteRepliesPart } from './sqlite-store-replies';
import { sqliteSuggestionsPart } from './sqlite-store-suggestions';
import { sqliteTagsPart } from './sqlite-store-tags';
import { sqliteTeamPart } from './sqlite-store-team';
import { DEFAULT_CHANNEL_SETTINGS, type ChannelSettings } from './sqlite-window-claims';

/** The embedded relay store: one SQLite file (WAL) that several relay processes may share. */
export type SqliteRelayStore = RelayStore;

export const SqliteRelayStore = {
  /** Opens (creating or migrating) the store in `dataDir`, assembled from one part per responsibility. */
  open(dataDir: string, settings: ChannelSettings = DEFAULT_CHANNEL_SETTINGS): SqliteRelayStore {
    const { context, core } = openSqliteStoreContext(dataDir, settings);
    return assembleRelayStore({
      core,
      conversations: sqliteConversationsPart(context),
      replies: sqliteRepliesPart(context),
      suggestions: sqliteSuggestionsPart(context),
      orders: sqliteOrdersPart(context),
      tags: sqliteTagsPart(context),
      team: sqliteTeamPart(context),
      media: sqliteMediaPart(context),
    });
  },
};
