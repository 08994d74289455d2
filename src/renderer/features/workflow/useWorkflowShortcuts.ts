import { useEffect, useRef } from 'react';
import { workflowShortcutFor, type WorkflowAction } from './workflow-keys';

/** Alt+A / Alt+D / Alt+N / Alt+M from anywhere in the inbox (see workflow-keys.ts). */
export function useWorkflowShortcuts(handlers: Partial<Record<WorkflowAction, () => void>>, enabled = true): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    function onKeyDown(event: KeyboardEvent) {
      const action = workflowShortcutFor(event);
      const handler = action ? latest.current[action] : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
