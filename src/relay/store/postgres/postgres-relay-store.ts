import type { RelayStore } from '../relay-store';
import { assembleRelayStore } from '../relay-store-parts';
import { openPostgresStoreContext, type PostgresStoreExtras, type PostgresStoreOptions } from './pg-store-context';
import { pgConversationsPart } from './pg-store-conversations';
import { pgMediaPart } from './pg-store-media';
import { pgOrdersPart } from './pg-store-orders';
import { pgRepliesPart } from './pg-store-replies';
import { pgSuggestionsPart } from './pg-store-suggestions';
import { pgTagsPart } from './pg-store-tags';
import { pgTeamPart } from './pg-store-team';
import type { PostgresTarget } from './pg-url';

export type { PostgresStoreOptions } from './pg-store-context';

/**
 * The production relay store: PostgreSQL shared by any number of relay processes (ADR 0012). Every method is
 * one transaction (pg-transaction.ts) or a plain read; events appended by any process reach this one's
 * listeners through LISTEN/NOTIFY of the new head seq.
 */
export type PostgresRelayStore = RelayStore & PostgresStoreExtras;

export const PostgresRelayStore = {
  /** Connects, migrates and starts listening (pg-store-context.ts), then assembles one part per responsibility. */
  async open(target: PostgresTarget, options: PostgresStoreOptions = {}): Promise<PostgresRelayStore> {
    const { context, core } = await openPostgresStoreContext(target, options);
    return assembleRelayStore({
      core,
      conversations: pgConversationsPart(context),
      replies: pgRepliesPart(context),
      suggestions: pgSuggestionsPart(context),
      orders: pgOrdersPart(context),
      tags: pgTagsPart(context),
      team: pgTeamPart(context),
      media: pgMediaPart(context),
    });
  },
};
