import type { ConversationWorkflowView } from '../../../shared/ipc';
import { useNow } from '../../hooks/useNow';
import { useI18n } from '../../i18n';
import { formatWaited, waitTone } from './waiting-time';

/**
 * What a conversation row says about the team's work on it: how long the customer has waited (「等了 12 分」), a
 * held reply's age (red once past the shop's alert), who has it, and an @mention not yet seen. A customer who
 * blocked the account waits for nothing the team can send (they are left out of Needs reply): the row says
 * 「已封鎖」 instead of how long they have waited.
 */
export function WorkflowChips({
  workflow,
  me,
  heldAlertMinutes,
  blocked = false,
}: {
  workflow: ConversationWorkflowView;
  me: string | null;
  heldAlertMinutes: number;
  blocked?: boolean;
}) {
  const { t } = useI18n();
  const now = useNow(30_000);
  const waited = workflow.waitingSince === null ? null : Math.max(0, now - workflow.waitingSince);
  const held = workflow.heldSince === null ? null : Math.max(0, now - workflow.heldSince);
  const heldOverdue = held !== null && held >= heldAlertMinutes * 60_000;
  return (
    <span className="workflow-chips">
      {workflow.unseenMentions > 0 && <span className="workflow-chip is-mention">{t('workflow.mentioned')}</span>}
      {blocked && (
        <span className="workflow-chip is-blocked" title={t('row.blocked.title')}>
          {t('row.blocked')}
        </span>
      )}
      {!blocked && waited !== null && workflow.status !== 'done' && (
        <span className={`workflow-chip is-waiting is-${waitTone(waited)}`}>
          {waited < 60_000 ? t('workflow.waiting.justNow') : t('workflow.waiting', { time: formatWaited(waited, t) })}
        </span>
      )}
      {held !== null && (
        <span
          className={`workflow-chip is-held${heldOverdue ? ' is-overdue' : ''}`}
          title={heldOverdue ? t('workflow.heldOverdue.title', { minutes: heldAlertMinutes }) : undefined}
        >
          {t(heldOverdue ? 'workflow.heldOverdue' : 'workflow.held', { time: formatWaited(held, t) })}
        </span>
      )}
      {workflow.assignee !== null && (
        <span className={`workflow-chip is-assignee${workflow.assignee === me ? ' is-me' : ''}`}>
          {workflow.assignee === me ? t('workflow.assignee.you') : t('workflow.assignee', { name: workflow.assignee })}
        </span>
      )}
      {workflow.status === 'done' && <span className="workflow-chip is-done">{t('workflow.status.done')}</span>}
      {workflow.status === 'snoozed' && <span className="workflow-chip is-snoozed">{t('workflow.status.snoozed')}</span>}
    </span>
  );
}
