import { useCallback, useEffect, useMemo, useState } from 'react';
import { createProductSearch, type ProductSearch } from '../../../shared/catalog/product-search';
import type { CatalogInfo } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';

/**
 * The shop's catalog document as the core last synced it (works offline), re-read on a 'catalog' change.
 * The same version keeps the same object, so what is derived from it (the search index) is not rebuilt.
 */
export function useCatalog(): { info: CatalogInfo | null; reload(): Promise<CatalogInfo | null> } {
  const call = useCall();
  const [info, setInfo] = useState<CatalogInfo | null>(null);
  const reload = useCallback(async () => {
    const fresh = await call('catalog:get', {});
    if (!fresh) return null;
    setInfo((current) => (current && fresh.version !== 0 && current.version === fresh.version ? current : fresh));
    return fresh;
  }, [call]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useChanged(['catalog'], () => void reload());
  return { info, reload };
}

/** The catalog with its product search index, built once per catalog version (not per render or keystroke). */
export function useCatalogSearch(): { info: CatalogInfo | null; search: ProductSearch | null } {
  const { info } = useCatalog();
  const search = useMemo(() => (info ? createProductSearch(info.catalog.products) : null), [info]);
  return { info, search };
}
