import { useCallback, useEffect, useState } from 'react';
import type { InboxFilter, ViewCounts } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { useNow } from '../../hooks/useNow';

/** How many conversations each view lists within the filter; re-read on changes and every minute (snoozes end). */
export function useViewCounts(filter: InboxFilter): ViewCounts | null {
  const call = useCall();
  const [counts, setCounts] = useState<ViewCounts | null>(null);
  const minute = useNow(60_000);
  const refresh = useCallback(async () => {
    const fresh = await call('inbox:viewCounts', { filter });
    if (fresh) setCounts(fresh);
  }, [call, filter]);
  useEffect(() => {
    void refresh();
  }, [refresh, minute]);
  useChanged(['inbox', 'tags'], () => void refresh());
  return counts;
}
