import { useEffect, useState } from 'react';
import type { MessageSearchHit } from '../../../shared/ipc';
import { useInboxApi } from '../../api/api-context';

/** Waits for a pause in typing, so every keystroke does not become a query. */
const DEBOUNCE_MS = 150;

/** Messages matching `query` in the local store (works offline); null while the first answer is pending. */
export function useMessageSearch(query: string): { hits: MessageSearchHit[] | null; failed: boolean } {
  const api = useInboxApi();
  const [state, setState] = useState<{ hits: MessageSearchHit[] | null; failed: boolean }>({ hits: null, failed: false });
  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed === '') {
      setState({ hits: [], failed: false });
      return;
    }
    let current = true;
    setState((previous) => ({ hits: previous.hits, failed: false }));
    const timer = setTimeout(() => {
      api.invoke('search:messages', { query: trimmed, limit: 30 }).then(
        (result) => current && setState({ hits: result.hits, failed: false }),
        () => current && setState({ hits: [], failed: true }),
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query]);
  return state;
}
