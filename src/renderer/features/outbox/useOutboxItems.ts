import { useCallback, useEffect, useState } from 'react';
import type { OutboxItemView } from '../../../shared/ipc';
import { useInboxApi } from '../../api/api-context';
import { useChanged } from '../../hooks/useChanged';

/** The outbox as the core has it, refreshed whenever sync state changes (sends, acks, retries). */
export function useOutboxItems(): { items: OutboxItemView[] | null; refresh(): void } {
  const api = useInboxApi();
  const [items, setItems] = useState<OutboxItemView[] | null>(null);
  const refresh = useCallback(() => {
    // A failed read keeps what is shown; the next change event corrects it.
    api.invoke('outbox:list', {}).then((result) => setItems(result.items), () => undefined);
  }, [api]);
  useEffect(refresh, [refresh]);
  useChanged(['sync'], refresh);
  return { items, refresh };
}
