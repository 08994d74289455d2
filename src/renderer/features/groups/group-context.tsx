import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ConversationSummary } from '../../../shared/ipc';
import type { ChatMember } from '../../../shared/ipc/tag-contract';
import { MemberTagDialog, type MemberRef } from './MemberTagDialog';
import { useChatMembers } from './useChatMembers';

interface GroupValue {
  /** The group's members, most recently active first (null while loading). */
  members: readonly ChatMember[] | null;
  /** Opens a member's tag editor (a name on a line, the member list, T). */
  openMemberTags(member: MemberRef): void;
}

/** A LINE group or room open in the conversation view; absent for one-to-one chats. */
const GroupContext = createContext<GroupValue | null>(null);

export function useGroup(): GroupValue | null {
  return useContext(GroupContext);
}

export function useOpenMemberTags(): ((member: MemberRef) => void) | null {
  return useContext(GroupContext)?.openMemberTags ?? null;
}

export function isGroupChat(conversation: Pick<ConversationSummary, 'chatType'>): boolean {
  return conversation.chatType === 'group' || conversation.chatType === 'room';
}

/** Around a conversation: for a group or room, its members and the member tag dialog; a one-to-one chat gets nothing. */
export function GroupProvider({ conversation, children }: { conversation: ConversationSummary; children: ReactNode }) {
  const group = isGroupChat(conversation);
  const members = useChatMembers(conversation.id, group);
  const [member, setMember] = useState<MemberRef | null>(null);
  const close = useCallback(() => setMember(null), []);
  const value = useMemo(() => ({ members, openMemberTags: setMember }), [members]);
  if (!group) return <>{children}</>;
  return (
    <GroupContext.Provider value={value}>
      {children}
      {member && <MemberTagDialog member={member} groupName={conversation.displayName} onClose={close} />}
    </GroupContext.Provider>
  );
}
