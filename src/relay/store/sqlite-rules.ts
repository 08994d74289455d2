import type Database from 'better-sqlite3';
import type { RelayEvent } from '../../shared/protocol';
import type { SuggestionRule } from '../../shared/suggestions/rules-schema';
import type { SaveRulesInput, SaveRulesResult, StoredRules } from './relay-store';
import { latestDocumentSync, latestVersionSync, saveDocumentSync, type VersionedDocumentKind } from './sqlite-versioned-documents';

/** The relay keeps this many newest rules versions (a save only ever needs the newest). */
export const RULES_VERSIONS_KEPT = 50;

/** The shop's reply-suggestion rules: the whole file per version, announced with `rules.updated`. */
export const RULES: VersionedDocumentKind<SuggestionRule[]> = {
  table: 'rules_versions',
  jsonColumn: 'rules_json',
  mutationType: 'rules.save',
  label: 'rules',
  keepVersions: RULES_VERSIONS_KEPT,
  updatedEvent: ({ version, document, updatedBy, now }) => ({ type: 'rules.updated', occurredAt: now, payload: { version, rules: document, updatedBy } }),
};

export function latestRulesVersionSync(db: Database.Database): number {
  return latestVersionSync(db, RULES);
}

export function latestRulesSync(db: Database.Database): StoredRules | null {
  const stored = latestDocumentSync(db, RULES);
  return stored ? { version: stored.version, rules: stored.document, updatedBy: stored.updatedBy, updatedAt: stored.updatedAt } : null;
}

export function saveRulesSync(db: Database.Database, input: SaveRulesInput): { result: SaveRulesResult; appended: RelayEvent[] } {
  const { answer, appended } = saveDocumentSync(db, RULES, { ...input, document: input.rules });
  return { result: { answer }, appended };
}
