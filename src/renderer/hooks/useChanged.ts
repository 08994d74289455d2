import { useEffect, useRef } from 'react';
import { eventTouches } from '../api/scopes';
import { useInboxApi } from '../api/api-context';

/** Runs `onChange` whenever the core reports a change in one of `scopes` (latest callback, one subscription). */
export function useChanged(scopes: readonly string[], onChange: () => void): void {
  const api = useInboxApi();
  const latest = useRef(onChange);
  latest.current = onChange;
  const key = scopes.join('|');
  useEffect(() => {
    const watched = key.split('|');
    return api.onChanged((event) => {
      if (watched.some((scope) => eventTouches(event, scope))) latest.current();
    });
  }, [api, key]);
}
