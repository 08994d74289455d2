import { z } from 'zod';
import { SuggestionRuleSchema, type SuggestionRule } from '../../../shared/suggestions/rules-schema';
import type { LocalDatabase } from './database';

export interface LocalRules {
  version: number;
  rules: SuggestionRule[];
  updatedBy: string;
  /** Relay clock. */
  updatedAt: number;
}

const storedRulesSchema = z.array(SuggestionRuleSchema);

/** The newest rules synced from the relay, or null before the first `rules.updated`. */
export function getLocalRules(db: LocalDatabase): LocalRules | null {
  const row = db.prepare('SELECT version, rules_json, updated_by, updated_at FROM suggestion_rules WHERE id = 1').get() as
    | { version: number; rules_json: string; updated_by: string; updated_at: number }
    | undefined;
  if (!row) return null;
  return { version: row.version, rules: storedRulesSchema.parse(JSON.parse(row.rules_json)), updatedBy: row.updated_by, updatedAt: row.updated_at };
}

/**
 * Identifies the stored rules without reading them: the version, and when it was saved (a different relay,
 * after a resync, may reuse a version number). Null when there are no rules.
 */
export function getLocalRulesStamp(db: LocalDatabase): string | null {
  const row = db.prepare('SELECT version, updated_at FROM suggestion_rules WHERE id = 1').get() as
    | { version: number; updated_at: number }
    | undefined;
  return row ? rulesStamp(row.version, row.updated_at) : null;
}

export function rulesStamp(version: number, updatedAt: number): string {
  return `${version}@${updatedAt}`;
}

/** Keeps `rules` unless a newer version is already stored (a replayed log must not go back in time). */
export function storeRulesIfNewer(db: LocalDatabase, rules: LocalRules): boolean {
  const result = db
    .prepare(
      `INSERT INTO suggestion_rules (id, version, rules_json, updated_by, updated_at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version, rules_json = excluded.rules_json,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at
       WHERE excluded.version > suggestion_rules.version`,
    )
    .run(rules.version, JSON.stringify(rules.rules), rules.updatedBy, rules.updatedAt);
  return result.changes > 0;
}
