import { parseActivityLine, type ActivityLine, type MessageView } from '../../../shared/ipc';
import { CustomerText } from '../../components/CustomerText';
import { isMessageKey, useI18n, type Translate } from '../../i18n';
import { formatMessageTime } from '../../lib/relative-time';

/**
 * Lines of a thread that are not messages with the customer: internal notes (a yellow card marked 「內部備註 ·
 * 顧客看不到」, never sent anywhere) and workflow lines (who assigned it, who marked it done, a customer message
 * that reopened it, a change of this agent's that was not applied and why).
 */

/** A small padlock (an emoji would depend on the machine's fonts). */
export function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
      <path d="M5.2 7V5.2a2.8 2.8 0 0 1 5.6 0V7" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

function timeOf(message: MessageView, language: 'zh-TW' | 'en') {
  return (
    <time className="message-time" dateTime={new Date(message.createdAt).toISOString()}>
      {formatMessageTime(message.createdAt, language)}
    </time>
  );
}

export function NoteLine({ message }: { message: MessageView }) {
  const { t, language } = useI18n();
  const failed = message.delivery === 'failed';
  const unsent = message.delivery === 'queued' || message.delivery === 'sending';
  return (
    <div className={`message message-note${failed ? ' is-failed' : ''}`} data-message-id={message.id} role="note">
      <div className="note-card">
        <div className="note-card-header">
          <span className="note-card-badge">
            <LockIcon /> {t('note.badge')} · {t('note.private')}
          </span>
          {message.author && (
            <span className="note-card-author">
              <CustomerText text={message.author} />
            </span>
          )}
          {timeOf(message, language)}
        </div>
        <CustomerText className="note-card-text" text={message.text} />
        {unsent && <span className="note-card-state">{t('workflow.notSynced')}</span>}
        {failed && <span className="note-card-state is-failed">{t('note.failed', { message: message.deliveryReason ?? '' })}</span>}
      </div>
    </div>
  );
}

function reasonText(line: Extract<ActivityLine, { action: 'refused' }>, t: Translate): string {
  if (line.reason === 'assignment_changed') {
    return line.detail ? t('activity.reason.assignment_changed', { detail: line.detail }) : t('activity.reason.assignment_changed.none');
  }
  const key = `activity.reason.${line.reason}`;
  return isMessageKey(key) ? t(key) : line.detail || line.reason;
}

export function activityText(line: ActivityLine, author: string | null, t: Translate, language: 'zh-TW' | 'en'): string {
  const who = author ?? '';
  switch (line.action) {
    case 'status':
      if (line.cause === 'customer_message') return t('activity.reopened');
      if (line.status === 'snoozed') {
        const time = line.snoozedUntil === null ? '' : new Date(line.snoozedUntil).toLocaleString(language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
        return t('activity.status.snoozed', { who, time });
      }
      return t(`activity.status.${line.status}`, { who });
    case 'assigned':
      if (line.cause === 'round_robin') return t('activity.roundRobin', { assignee: line.assignee ?? '' });
      if (line.assignee === null) return t('activity.unassigned', { who });
      if (line.assignee === author) return t('activity.took', { who });
      return t('activity.assigned', { who, assignee: line.assignee });
    case 'refused':
      return t('activity.refused', { change: t(`activity.change.${line.change}`), reason: reasonText(line, t) });
  }
}

export function ActivityLineView({ message }: { message: MessageView }) {
  const { t, language } = useI18n();
  const line = parseActivityLine(message.text);
  if (!line) return null;
  return (
    <div className={`message message-activity${line.action === 'refused' ? ' is-refused' : ''}`} data-message-id={message.id} role="note">
      <span className="message-activity-text">
        <CustomerText text={activityText(line, message.author, t, language)} />
      </span>
      {timeOf(message, language)}
    </div>
  );
}
