import { useCallback, useEffect, useState } from 'react';
import type { IpcOutput } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { useNow } from '../../hooks/useNow';
import { useI18n } from '../../i18n';

/**
 * 「3 則保留回覆逾時」 in the top bar: replies held longer than the shop's alert (a lead sees everyone's, an agent
 * their own). Clicking opens the conversation of the oldest one. Hidden while there are none.
 */
export function HeldOverduePill({ onOpen }: { onOpen(conversationId: string): void }) {
  const { t } = useI18n();
  const call = useCall();
  const now = useNow(60_000);
  const [overdue, setOverdue] = useState<IpcOutput<'workflow:heldOverdue'> | null>(null);
  const refresh = useCallback(async () => {
    const fresh = await call('workflow:heldOverdue', {});
    if (fresh) setOverdue(fresh);
  }, [call]);
  useEffect(() => {
    void refresh();
  }, [refresh, now]);
  useChanged(['inbox', 'settings'], () => void refresh());
  if (!overdue || overdue.count === 0) return null;
  return (
    <button
      type="button"
      className="held-overdue-pill"
      title={t('workflow.heldOverduePill.title', { minutes: overdue.alertMinutes })}
      onClick={() => overdue.oldestConversationId && onOpen(overdue.oldestConversationId)}
    >
      <span aria-hidden="true">⚠</span> {t('workflow.heldOverduePill', { count: overdue.count })}
    </button>
  );
}
