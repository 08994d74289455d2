import { useState } from 'react';
import type { MessageView } from '../../../shared/ipc';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToasts } from '../../components/Toasts';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { describeReason } from '../../lib/delivery';
import { formatNtd } from '../../lib/quota';
import { heldTrayItems, type HeldTrayItem } from '../../lib/held-items';
import { CustomerText } from '../../components/CustomerText';
import { useNow } from '../../hooks/useNow';
import { useWorkflowContext } from '../workflow/workflow-context';
import { formatWaited } from '../workflow/waiting-time';

type Pending = { kind: 'cancel' | 'push'; item: HeldTrayItem } | null;

/**
 * "保留中" tray above the composer: the agent's held replies (going out free with the customer's next
 * message) and unconfirmed failures, each with edit / cancel / send-as-push. A push always asks first.
 */
export function HeldTray({
  messages,
  pushPriceNtd,
  pushBlocked,
  pushAvailable,
}: {
  messages: readonly MessageView[];
  pushPriceNtd: number;
  /** The monthly quota is used up: no push buttons (the relay would refuse). */
  pushBlocked: boolean;
  /** The conversation's channel has counted pushes (LINE only): otherwise no push buttons at all. */
  pushAvailable: boolean;
}) {
  const { t } = useI18n();
  const call = useCall();
  const { notifyError } = useToasts();
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // A held reply has not answered the customer yet: its age shows, red once past the shop's alert.
  const now = useNow(30_000);
  const heldAlertMs = useWorkflowContext().settings.heldReplyAlertMinutes * 60_000;
  const items = heldTrayItems(messages);
  if (items.length === 0) return null;
  const heldCount = items.filter((item) => item.kind === 'held').length;
  const price = formatNtd(pushPriceNtd);

  // Success shows itself: the item leaves the tray and its bubble's badge changes.
  async function run(id: string, action: () => Promise<{ ok: true } | { ok: false; message: string } | undefined>) {
    setBusy(id);
    const result = await action();
    setBusy(null);
    if (result && !result.ok) notifyError(t('held.failed', { message: result.message }));
  }

  async function saveEdit() {
    if (!editing || editing.text.trim() === '') return;
    const { id, text } = editing;
    setEditing(null);
    await run(id, () => call('reply:edit', { messageId: id, text }));
  }

  return (
    <section className="held-tray" aria-label={t('held.title', { count: items.length })}>
      <header className="held-tray-header">
        <span className="held-tray-title">{t('held.title', { count: items.length })}</span>
        {heldCount > 0 && <span className="held-tray-hint">{t('held.hint')}</span>}
      </header>
      <ul className="held-tray-list">
        {items.map((item) => (
          <li key={item.message.id} className={`held-item held-item-${item.kind}`} aria-busy={busy === item.message.id}>
            {editing?.id === item.message.id ? (
              <div className="held-edit">
                <textarea
                  className="held-edit-input"
                  value={editing.text}
                  autoFocus
                  rows={2}
                  aria-label={t('held.edit')}
                  onChange={(event) => setEditing({ id: item.message.id, text: event.target.value })}
                  onKeyDown={(event) => {
                    if (event.key === 'Escape') setEditing(null);
                    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                      event.preventDefault();
                      void saveEdit();
                    }
                  }}
                />
                <button type="button" className="button button-small" onClick={() => setEditing(null)}>
                  {t('held.cancelEdit')}
                </button>
                <button type="button" className="button button-small button-primary" disabled={editing.text.trim() === ''} onClick={() => void saveEdit()}>
                  {t('held.save')}
                </button>
              </div>
            ) : (
              <>
                <div className="held-item-text">
                  <CustomerText className="held-item-body" text={item.message.text} />
                  {item.kind === 'held' && (
                    <HeldAge age={Math.max(0, now - item.message.createdAt)} overdue={now - item.message.createdAt >= heldAlertMs} />
                  )}
                  {item.kind === 'unconfirmed' ? (
                    <span className="held-item-reason is-warning">{t('held.unconfirmed')}</span>
                  ) : (
                    item.message.deliveryReason && <span className="held-item-reason">{describeReason(item.message.deliveryReason, t)}</span>
                  )}
                </div>
                <div className="held-item-actions">
                  {item.kind === 'held' && (
                    <button type="button" className="button button-small button-quiet" onClick={() => setEditing({ id: item.message.id, text: item.message.text })}>
                      {t('held.edit')}
                    </button>
                  )}
                  <button type="button" className="button button-small button-quiet" onClick={() => setPending({ kind: 'cancel', item })}>
                    {item.kind === 'held' ? t('held.cancel') : t('held.ignore')}
                  </button>
                  {pushAvailable && !pushBlocked && (
                    <button type="button" className="button button-small button-paid" onClick={() => setPending({ kind: 'push', item })}>
                      {item.kind === 'held' ? t('held.push') : t('held.resendPush')}
                    </button>
                  )}
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      {pending && (
        <ConfirmDialog
          message={
            pending.kind === 'cancel'
              ? t('held.cancelConfirm')
              : t(pending.item.kind === 'held' ? 'held.pushConfirm' : 'held.pushConfirmUnconfirmed', { price })
          }
          confirmLabel={pending.kind === 'cancel' ? t('held.cancelConfirm.ok') : t('composer.pushConfirm.ok')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            const { kind, item } = pending;
            setPending(null);
            const id = item.message.id;
            if (kind === 'cancel') void run(id, () => call('reply:cancel', { messageId: id }));
            else void run(id, () => call('reply:push', { messageId: id }));
          }}
        />
      )}
    </section>
  );
}

function HeldAge({ age, overdue }: { age: number; overdue: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`workflow-chip is-held held-item-age${overdue ? ' is-overdue' : ''}`} data-overdue={overdue ? '' : undefined}>
      {t(overdue ? 'workflow.heldOverdue' : 'workflow.held', { time: formatWaited(age, t) })}
    </span>
  );
}
