import { useCallback, useEffect, useState } from 'react';
import type { ChatMember } from '../../../shared/ipc/tag-contract';
import { conversationScope } from '../../api/scopes';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';

/** A group's or room's members with their tags (most recently active first); null while loading. */
export function useChatMembers(conversationId: string, enabled: boolean): ChatMember[] | null {
  const call = useCall();
  const [members, setMembers] = useState<ChatMember[] | null>(null);
  const refresh = useCallback(async () => {
    if (!enabled) return;
    const answer = await call('tags:members', { conversationId });
    if (answer) setMembers(answer.members);
  }, [call, conversationId, enabled]);
  useEffect(() => {
    setMembers(null);
    void refresh();
  }, [refresh]);
  useChanged([conversationScope(conversationId), 'tags'], () => void refresh());
  return members;
}
