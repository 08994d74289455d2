import type Database from 'better-sqlite3';
import { migration001Initial } from './migrations/001_initial';
import { migration002RulesAndAutoReplies } from './migrations/002_rules_and_auto_replies';
import { migration003Tags } from './migrations/003_tags';
import { migration004MessageSearch } from './migrations/004_message_search';
import { migration005Orders } from './migrations/005_orders';
import { migration006Drafts } from './migrations/006_drafts';
import { migration007ChannelWindows } from './migrations/007_channel_windows';
import { migration008TeamInbox } from './migrations/008_team_inbox';
import { migration009RichMessages } from './migrations/009_rich_messages';
import { migration010LearnedExamples } from './migrations/010_learned_examples';
import { migration011GroupMembers } from './migrations/011_group_members';

export interface Migration {
  version: number;
  name: string;
  /** Forward-only SQL; runs in one transaction together with the `user_version` bump. */
  up: string;
}

/** Every schema version in order; add a file per new version, never edit a shipped one. */
export const LOCAL_MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002RulesAndAutoReplies,
  migration003Tags,
  migration004MessageSearch,
  migration005Orders,
  migration006Drafts,
  migration007ChannelWindows,
  migration008TeamInbox,
  migration009RichMessages,
  migration010LearnedExamples,
  migration011GroupMembers,
];

export const LATEST_LOCAL_SCHEMA_VERSION = LOCAL_MIGRATIONS[LOCAL_MIGRATIONS.length - 1]?.version ?? 0;

export function localSchemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the local store to `target` (default: latest), one transaction per version. */
export function migrateLocalStore(db: Database.Database, target: number = LATEST_LOCAL_SCHEMA_VERSION): number {
  const current = localSchemaVersion(db);
  if (current > LATEST_LOCAL_SCHEMA_VERSION) {
    throw new Error(
      `The local store is at schema version ${current}, newer than this app understands (${LATEST_LOCAL_SCHEMA_VERSION}). Update the app.`,
    );
  }
  for (const migration of LOCAL_MIGRATIONS) {
    if (migration.version > target) break;
    if (localSchemaVersion(db) >= migration.version) continue;
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return localSchemaVersion(db);
}
