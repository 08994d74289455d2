import { useCallback, useEffect, useMemo, useState } from 'react';
import { createProductSearch, type ProductSearch } from '../../../shared/catalog/product-search';
import type { CatalogInfo } from '../../../shared/ipc/order-contract';
import { useInboxApi } from '../../api/api-context';
import { useChanged } from '../../hooks/useChanged';

/**
 * The shop's catalog as the core last synced it (works offline), re-read on a 'catalog' change. The search index
 * is built once per catalog version, not per render or keystroke.
 */
export function useCatalog(): { info: CatalogInfo | null; search: ProductSearch | null; failed: boolean } {
  const api = useInboxApi();
  const [info, setInfo] = useState<CatalogInfo | null>(null);
  const [failed, setFailed] = useState(false);
  const refresh = useCallback(() => {
    api.invoke('catalog:get', {}).then(
      (next) => {
        setFailed(false);
        setInfo((current) => (current && current.version === next.version && next.version !== 0 ? current : next));
      },
      () => setFailed(true),
    );
  }, [api]);
  useEffect(refresh, [refresh]);
  useChanged(['catalog'], refresh);
  const search = useMemo(() => (info ? createProductSearch(info.catalog.products) : null), [info]);
  return { info, search, failed };
}
