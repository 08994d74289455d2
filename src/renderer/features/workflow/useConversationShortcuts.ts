import type { ConversationSummary } from '../../../shared/ipc';
import { useShortcut } from '../../shortcuts/ShortcutProvider';
import { useWorkflowActions } from './useWorkflowActions';
import { useWorkflowContext } from './workflow-context';

/** In an open conversation: Alt+A takes it, Alt+D (or E) marks it done, Alt+M switches reply / internal note. */
export function useConversationShortcuts(conversation: ConversationSummary | null, toggleNoteMode: () => void): void {
  const { setStatus, assign } = useWorkflowActions();
  const team = useWorkflowContext();
  const open = conversation !== null;
  useShortcut(
    'conversation.assignMe',
    () => {
      if (conversation && team.me) void assign(conversation.id, team.me);
    },
    open,
  );
  useShortcut(
    'conversation.markDone',
    () => {
      if (conversation) void setStatus(conversation.id, 'done');
    },
    open,
  );
  useShortcut('composer.noteMode', toggleNoteMode, open);
}
