import { useCallback, useState } from 'react';
import type { MessageSearchHit } from '../../../shared/ipc';
import type { JumpTarget } from '../../lib/message-jump';

/**
 * The open conversation, and the search hit to open it at. Opening a conversation any other way forgets
 * the hit, so coming back to it later does not jump again.
 */
export function useConversationSelection() {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [jump, setJump] = useState<JumpTarget | null>(null);
  const select = useCallback((id: string | null) => {
    setJump(null);
    setSelectedId(id);
  }, []);
  const openHit = useCallback((hit: MessageSearchHit, query: string) => {
    setJump({ conversationId: hit.conversationId, id: hit.messageId, createdAt: hit.createdAt, query: query.trim() });
    setSelectedId(hit.conversationId);
  }, []);
  return { selectedId, select, openHit, jump: jump?.conversationId === selectedId ? jump : null };
}
