import { EMPTY_CATALOG, type Catalog, type ShopSettings } from '../../../shared/catalog/catalog-schema';
import type { StoredCatalog } from '../relay-store';
import { CATALOG } from '../sqlite-catalog';
import { latestDocument } from './pg-versioned-documents';
import type { PgTx } from './pg-transaction';

/** The shop's catalog and selling settings on PostgreSQL (the document kind is shared with sqlite-catalog.ts). */
export async function latestCatalog(tx: PgTx): Promise<StoredCatalog | null> {
  const stored = await latestDocument<Catalog>(tx, CATALOG);
  return stored ? { version: stored.version, catalog: stored.document, updatedBy: stored.updatedBy, updatedAt: stored.updatedAt } : null;
}

/** The settings orders and reminders follow: the newest saved ones, or the defaults before any save. */
export async function currentShopSettings(tx: PgTx): Promise<ShopSettings> {
  return ((await latestCatalog(tx))?.catalog ?? EMPTY_CATALOG).settings;
}
