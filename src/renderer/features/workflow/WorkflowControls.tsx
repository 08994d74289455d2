import type { ConversationSummary } from '../../../shared/ipc';
import { useI18n } from '../../i18n';
import { MenuButton, type MenuItem } from './MenuButton';
import { useWorkflowContext } from './workflow-context';
import { tomorrowMorning, useWorkflowActions } from './useWorkflowActions';

const HOUR = 3_600_000;

/**
 * The header's team controls: who has the conversation (assign to me / to a colleague / unassign — giving it to
 * someone else is a lead's) and its status (mark done or reopen; wait for the customer; snooze).
 */
export function WorkflowControls({ conversation }: { conversation: ConversationSummary }) {
  const { t } = useI18n();
  const team = useWorkflowContext();
  const { setStatus, assign } = useWorkflowActions();
  const workflow = conversation.workflow;
  if (!workflow) return null;
  const { assignee, status } = workflow;
  const mine = assignee !== null && assignee === team.me;

  const assignItems: MenuItem[] = [
    { key: 'me', label: t('workflow.assign.me'), checked: mine, onSelect: () => team.me && void assign(conversation.id, team.me) },
    ...team.team
      .filter((member) => member.name !== team.me)
      .map((member) => ({
        key: `member:${member.name}`,
        label: t('workflow.assign.to', { name: member.name }),
        hint: member.online ? t('workflow.assign.online') : undefined,
        checked: assignee === member.name,
        disabled: !team.isLead,
        onSelect: () => void assign(conversation.id, member.name),
      })),
    {
      key: 'none',
      label: t('workflow.assign.none'),
      checked: assignee === null,
      disabled: assignee === null || (!team.isLead && !mine),
      onSelect: () => void assign(conversation.id, null),
    },
  ];
  const now = Date.now();
  const statusItems: MenuItem[] = [
    { key: 'pending', label: t('workflow.pending'), checked: status === 'pending', onSelect: () => void setStatus(conversation.id, 'pending') },
    { key: '1h', label: `${t('workflow.snooze')} · ${t('workflow.snooze.1h')}`, onSelect: () => void setStatus(conversation.id, 'snoozed', now + HOUR) },
    { key: '3h', label: `${t('workflow.snooze')} · ${t('workflow.snooze.3h')}`, onSelect: () => void setStatus(conversation.id, 'snoozed', now + 3 * HOUR) },
    { key: 'tomorrow', label: `${t('workflow.snooze')} · ${t('workflow.snooze.tomorrow')}`, onSelect: () => void setStatus(conversation.id, 'snoozed', tomorrowMorning(now)) },
  ];
  const assigneeLabel = assignee === null ? t('workflow.unassigned') : mine ? t('workflow.assignee.you') : t('workflow.assignee', { name: assignee });
  return (
    <div className="workflow-controls" aria-label={t('workflow.status.label')} role="group">
      <span className={`workflow-status is-${status}`} data-status={status}>
        {status === 'snoozed' && workflow.snoozedUntil !== null
          ? t('workflow.snoozedUntil', { time: new Date(workflow.snoozedUntil).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false }) })
          : t(`workflow.status.${status}`)}
        {workflow.pending && <span className="workflow-pending" title={t('workflow.notSynced')}> · {t('workflow.notSynced')}</span>}
      </span>
      <MenuButton
        className={`assignment-control${assignee === null ? ' is-unassigned' : ''}${mine ? ' is-mine' : ''}`}
        title={t('workflow.assign.label')}
        label={<span data-assignee={assignee ?? ''}>{assigneeLabel}</span>}
        items={assignItems}
      />
      {status === 'done' ? (
        <button type="button" className="button button-small" onClick={() => void setStatus(conversation.id, 'open')}>
          {t('workflow.reopen')}
        </button>
      ) : (
        <button type="button" className="button button-small button-primary workflow-done" onClick={() => void setStatus(conversation.id, 'done')} title="Alt+D">
          {t('workflow.done')}
        </button>
      )}
      <MenuButton title={t('workflow.status.label')} label={<span aria-hidden="true">⋯</span>} items={statusItems} />
    </div>
  );
}
