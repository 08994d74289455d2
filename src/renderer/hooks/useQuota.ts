import { useCallback, useEffect, useState } from 'react';
import type { QuotaView } from '../../shared/ipc';
import { useInboxApi } from '../api/api-context';
import { useChanged } from './useChanged';

/** The monthly push quota from the local store, refreshed when a quota.updated event was applied. */
export function useQuota(): QuotaView | null {
  const api = useInboxApi();
  const [quota, setQuota] = useState<QuotaView | null>(null);
  const refresh = useCallback(() => {
    api.invoke('quota:get', {}).then(setQuota, () => undefined);
  }, [api]);
  useEffect(refresh, [refresh]);
  useChanged(['quota'], refresh);
  return quota;
}
