import type Database from 'better-sqlite3';
import { EMPTY_CATALOG, type Catalog, type ShopSettings } from '../../shared/catalog/catalog-schema';
import type { RelayEvent } from '../../shared/protocol';
import type { SaveCatalogInput, SaveRulesResult, StoredCatalog } from './relay-store';
import { latestDocumentSync, saveDocumentSync, type VersionedDocumentKind } from './sqlite-versioned-documents';

/** The shop's catalog and selling settings: one document per version, announced with `catalog.updated`. */
export const CATALOG: VersionedDocumentKind<Catalog> = {
  table: 'catalog_versions',
  jsonColumn: 'catalog_json',
  mutationType: 'catalog.save',
  label: 'catalog',
  updatedEvent: ({ version, document, updatedBy, now }) => ({ type: 'catalog.updated', occurredAt: now, payload: { version, catalog: document, updatedBy } }),
};

export function latestCatalogSync(db: Database.Database): StoredCatalog | null {
  const stored = latestDocumentSync(db, CATALOG);
  return stored ? { version: stored.version, catalog: stored.document, updatedBy: stored.updatedBy, updatedAt: stored.updatedAt } : null;
}

/** The settings orders and reminders follow: the newest saved ones, or the defaults before any save. */
export function currentShopSettingsSync(db: Database.Database): ShopSettings {
  return (latestCatalogSync(db)?.catalog ?? EMPTY_CATALOG).settings;
}

export function saveCatalogSync(db: Database.Database, input: SaveCatalogInput): { result: SaveRulesResult; appended: RelayEvent[] } {
  const { answer, appended } = saveDocumentSync(db, CATALOG, { ...input, document: input.catalog });
  return { result: { answer }, appended };
}
