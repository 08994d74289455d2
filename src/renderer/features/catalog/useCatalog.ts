import { useCallback, useEffect, useState } from 'react';
import type { CatalogInfo } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';

/** The shop's catalog document as the core last synced it, re-read when a newer version arrives. */
export function useCatalog(): { info: CatalogInfo | null; reload(): Promise<CatalogInfo | null> } {
  const call = useCall();
  const [info, setInfo] = useState<CatalogInfo | null>(null);
  const reload = useCallback(async () => {
    const fresh = await call('catalog:get', {});
    if (!fresh) return null;
    setInfo(fresh);
    return fresh;
  }, [call]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useChanged(['catalog'], () => void reload());
  return { info, reload };
}
