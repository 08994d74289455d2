import { useEffect, useState } from 'react';
import type { JumpTarget } from '../../lib/message-jump';
import type { ConversationMessages } from './useConversationMessages';

/** A search hit after its history was loaded: `found` false when the message is no longer in the conversation. */
export interface JumpOutcome {
  target: JumpTarget;
  found: boolean;
}

/**
 * Loads the conversation's history down to a search hit once the newest page is there, then hands the
 * outcome to the message list (which scrolls and highlights). Each new target object is one jump.
 */
export function useMessageJump(messages: ConversationMessages, target: JumpTarget | null): JumpOutcome | null {
  const [outcome, setOutcome] = useState<JumpOutcome | null>(null);
  const { loading, loadThrough } = messages;
  useEffect(() => {
    if (!target || loading) return;
    let current = true;
    void loadThrough(target).then((found) => {
      if (current) setOutcome({ target, found });
    });
    return () => {
      current = false;
    };
  }, [target, loading, loadThrough]);
  return outcome;
}
