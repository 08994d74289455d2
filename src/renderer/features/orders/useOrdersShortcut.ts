import { useEffect, useRef } from 'react';
import { ordersShortcutFor } from './orders-keys';

/** Alt+O from anywhere in the app (even while typing: Alt+letter types nothing in a reply). */
export function useOrdersShortcut(onOpen: (scope: 'all' | 'customer') => void): void {
  const latest = useRef(onOpen);
  latest.current = onOpen;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const scope = ordersShortcutFor(event);
      if (!scope) return;
      event.preventDefault();
      latest.current(scope);
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
