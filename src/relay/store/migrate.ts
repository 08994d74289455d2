import type Database from 'better-sqlite3';
import { migration001Initial } from './migrations/001_initial';
import { migration002PushAndQuota } from './migrations/002_push_and_quota';
import { migration003RulesAndPresence } from './migrations/003_rules_and_presence';
import { migration004Tags } from './migrations/004_tags';
import { migration005ReadAndTyping } from './migrations/005_read_and_typing';
import { migration006UnconfirmedSends } from './migrations/006_unconfirmed_sends';
import { migration007Orders } from './migrations/007_orders';
import { migration008MutationClaims } from './migrations/008_mutation_claims';
import { migration009ReplyTokenEventTime } from './migrations/009_reply_token_event_time';
import { migration010Channels } from './migrations/010_channels';
import { migration011WebchatVisitors } from './migrations/011_webchat_visitors';
import { migration012TeamInbox } from './migrations/012_team_inbox';
import { migration013Media } from './migrations/013_media';
import { migration014SuggestionFeedback } from './migrations/014_suggestion_feedback';
import { migration015ConversationMembers } from './migrations/015_conversation_members';
import { migration016WebchatUploads } from './migrations/016_webchat_uploads';

export interface Migration {
  version: number;
  name: string;
  /** Forward-only SQL; runs inside one transaction together with the version bump. */
  up: string;
}

/** Every schema version in order; add a file per new version, never edit a shipped one. */
export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002PushAndQuota,
  migration003RulesAndPresence,
  migration004Tags,
  migration005ReadAndTyping,
  migration006UnconfirmedSends,
  migration007Orders,
  migration008MutationClaims,
  migration009ReplyTokenEventTime,
  migration010Channels,
  migration011WebchatVisitors,
  migration012TeamInbox,
  migration013Media,
  migration014SuggestionFeedback,
  migration015ConversationMembers,
  migration016WebchatUploads,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to `target` (default: latest). Each step is one IMMEDIATE transaction, so a
 * second relay process starting at the same moment waits instead of applying the step twice.
 */
export function migrate(db: Database.Database, target: number = LATEST_SCHEMA_VERSION): number {
  for (const migration of MIGRATIONS) {
    if (migration.version > target) break;
    const step = db.transaction(() => {
      // Re-read inside the write lock: another process may have just applied this step.
      if (schemaVersion(db) >= migration.version) return;
      if (schemaVersion(db) !== migration.version - 1) {
        throw new Error(`Cannot apply migration ${migration.version}: database is at version ${schemaVersion(db)}`);
      }
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    });
    step.immediate();
  }
  const reached = schemaVersion(db);
  if (reached > LATEST_SCHEMA_VERSION) {
    throw new Error(
      `The relay database is at schema version ${reached}, newer than this relay understands (${LATEST_SCHEMA_VERSION}). Upgrade the relay.`,
    );
  }
  return reached;
}
