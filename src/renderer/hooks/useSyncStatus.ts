import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '../../shared/ipc';
import { useInboxApi } from '../api/api-context';
import { useChanged } from './useChanged';

/** Change events are the fast path; this poll catches anything a missed event would leave stale. */
const SYNC_POLL_MS = 4_000;

export function useSyncStatus(): SyncStatus | null {
  const api = useInboxApi();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const refresh = useCallback(() => {
    // A failed poll keeps the last known status; the next poll or event corrects it.
    api.invoke('sync:status', {}).then(setStatus, () => undefined);
  }, [api]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, SYNC_POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  useChanged(['sync'], refresh);
  return status;
}
