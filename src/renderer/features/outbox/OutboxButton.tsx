import { useState } from 'react';
import { useShortcut } from '../../shortcuts/ShortcutProvider';
import { useI18n } from '../../i18n';
import { OutboxPanel } from './OutboxPanel';
import { useOutboxItems } from './useOutboxItems';

/** The top bar's pending count; opens the "待傳送" panel. Hidden when nothing is waiting. */
export function OutboxButton({ pendingCount }: { pendingCount: number }) {
  const { t } = useI18n();
  const { items } = useOutboxItems();
  const [open, setOpen] = useState(false);
  const failed = items?.filter((item) => item.state === 'failed').length ?? 0;
  // "o" opens the panel, like the other single-key shortcuts (never while typing).
  useShortcut('outbox.open', () => setOpen(true));
  if (pendingCount === 0 && failed === 0 && !open) return null;
  return (
    <>
      <button
        type="button"
        className={`topbar-pending${failed > 0 ? ' topbar-pending-failed' : ''}`}
        onClick={() => setOpen(true)}
        title={t('outbox.open')}
        aria-haspopup="dialog"
      >
        {failed > 0 ? t('outbox.badgeWithFailed', { count: pendingCount + failed, failed }) : t('topbar.pending', { count: pendingCount })}
      </button>
      {open && <OutboxPanel items={items} onClose={() => setOpen(false)} />}
    </>
  );
}
