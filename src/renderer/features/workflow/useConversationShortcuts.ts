import type { ConversationSummary } from '../../../shared/ipc';
import { useWorkflowActions } from './useWorkflowActions';
import { useWorkflowContext } from './workflow-context';
import { useWorkflowShortcuts } from './useWorkflowShortcuts';

/** In an open conversation: Alt+A takes it, Alt+D marks it done, Alt+M switches reply / internal note. */
export function useConversationShortcuts(conversation: ConversationSummary | null, toggleNoteMode: () => void): void {
  const { setStatus, assign } = useWorkflowActions();
  const team = useWorkflowContext();
  useWorkflowShortcuts(
    {
      assignMe: () => {
        if (conversation && team.me) void assign(conversation.id, team.me);
      },
      done: () => {
        if (conversation) void setStatus(conversation.id, 'done');
      },
      noteMode: toggleNoteMode,
    },
    conversation !== null,
  );
}
