import { catalogSchema, EMPTY_CATALOG } from '../../../shared/catalog/catalog-schema';
import type { CatalogInfo } from '../../../shared/ipc/order-contract';
import type { LocalDatabase } from '../store/database';
import { statement } from '../store/statements';

/** The newest catalog synced from the relay; version 0 with the default settings before the first one. */
export function getLocalCatalog(db: LocalDatabase): CatalogInfo {
  const row = statement(db, 'SELECT version, catalog_json, updated_by, updated_at FROM catalog WHERE id = 1').get() as
    | { version: number; catalog_json: string; updated_by: string; updated_at: number }
    | undefined;
  if (!row) return { version: 0, catalog: EMPTY_CATALOG, updatedBy: null, updatedAt: null };
  return {
    version: row.version,
    catalog: catalogSchema.parse(JSON.parse(row.catalog_json)),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** Keeps the catalog unless a newer version is stored already (a replayed log must not go back in time). */
export function storeCatalogIfNewer(
  db: LocalDatabase,
  catalog: { version: number; catalog: unknown; updatedBy: string; updatedAt: number },
): boolean {
  const result = statement(
    db,
    `INSERT INTO catalog (id, version, catalog_json, updated_by, updated_at) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, catalog_json = excluded.catalog_json,
       updated_by = excluded.updated_by, updated_at = excluded.updated_at
     WHERE excluded.version > catalog.version`,
  ).run(catalog.version, JSON.stringify(catalog.catalog), catalog.updatedBy, catalog.updatedAt);
  return result.changes > 0;
}
