import { useCallback } from 'react';
import type { ConversationStatus } from '../../../shared/workflow/conversation-status';
import { useToasts } from '../../components/Toasts';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';

/**
 * The team-inbox actions as plain calls (buttons and shortcuts use the same ones). They are queued by the core,
 * so they work offline; a refusal shows as a toast, and what the relay decides shows in the thread.
 */
export function useWorkflowActions() {
  const call = useCall();
  const { notifyError } = useToasts();
  const { t } = useI18n();
  const report = useCallback(
    (result: { ok: true } | { ok: false; message: string } | undefined) => {
      if (result && !result.ok) notifyError(t('workflow.failed', { message: result.message }));
      return result?.ok === true;
    },
    [notifyError, t],
  );
  const setStatus = useCallback(
    async (conversationId: string, status: ConversationStatus, snoozedUntil: number | null = null) =>
      report(await call('workflow:setStatus', { conversationId, status, snoozedUntil })),
    [call, report],
  );
  const assign = useCallback(
    async (conversationId: string, assignee: string | null) => report(await call('workflow:assign', { conversationId, assignee })),
    [call, report],
  );
  return { setStatus, assign };
}

/** When "snooze until tomorrow morning" comes back: 9:00 on the agent's next day. */
export function tomorrowMorning(now: number): number {
  const date = new Date(now);
  date.setDate(date.getDate() + 1);
  date.setHours(9, 0, 0, 0);
  return date.getTime();
}
