import { useCallback, useEffect, useState } from 'react';
import type { ConversationSuggestions } from '../../../shared/ipc';
import { conversationScope } from '../../api/scopes';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';

/** The suggestions for a conversation's latest customer message, re-read whenever it or the rules change. */
export function useSuggestions(conversationId: string): ConversationSuggestions | null {
  const call = useCall();
  const [result, setResult] = useState<ConversationSuggestions | null>(null);

  const refresh = useCallback(async () => {
    const fresh = await call('suggestions:forConversation', { conversationId });
    if (fresh) setResult(fresh);
  }, [call, conversationId]);

  useEffect(() => {
    setResult(null);
    void refresh();
  }, [refresh]);
  useChanged([conversationScope(conversationId), 'suggestions', 'rules'], () => void refresh());
  return result;
}
