import { useState, type ReactNode } from 'react';
import type { Session, SyncStatus } from '../../../shared/ipc';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n';
import { sessionSecurityNotices } from '../../lib/connection-security';
import { QuotaMeter } from '../quota/QuotaMeter';
import { OutboxButton } from '../outbox/OutboxButton';
import { ConnectionPill } from './ConnectionPill';
import { LanguageSwitch } from './LanguageSwitch';
import { ProductMark } from './ProductMark';
import { DesktopPreferencesButton } from '../../desktop/DesktopPreferences';
import { UpdateBanner } from '../../desktop/UpdateBanner';

type SignedIn = Extract<Session, { state: 'signed_in' }>;

export function TopBar({
  session,
  sync,
  onShowShortcuts,
  onSignOut,
  nav,
}: {
  /** The app's view switcher (features/layout/AppNav). */
  nav?: ReactNode;
  session: SignedIn;
  sync: SyncStatus | null;
  onShowShortcuts(): void;
  onSignOut(): void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const catchUp = sync?.catchUp ?? null;
  return (
    <header className="topbar">
      <div className="topbar-brand">
        <ProductMark size={26} />
        <span className="topbar-product">{t('app.name')}</span>
        {session.demo && <span className="topbar-demo">{t('topbar.demo')}</span>}
        {sessionSecurityNotices(session).map((notice) => (
          <span key={notice.detail} className="topbar-insecure" role="note" title={t(notice.detail)} aria-label={`${t(notice.label)}: ${t(notice.detail)}`}>
            {t(notice.label)}
          </span>
        ))}
      </div>
      {nav}

      <div className="topbar-status">
        {sync && <ConnectionPill connection={sync.connection} lastError={sync.lastError} />}
        {catchUp && (
          <span className="topbar-catchup" role="status">
            <span className="catchup-text">{t('topbar.catchUp', { applied: catchUp.applied, total: catchUp.total })}</span>
            <span className="catchup-bar" aria-hidden="true">
              <span style={{ width: `${catchUp.total > 0 ? Math.min(100, (catchUp.applied / catchUp.total) * 100) : 0}%` }} />
            </span>
          </span>
        )}
        {sync && <OutboxButton pendingCount={sync.pendingCount} />}
        {/* Last: when the bar is narrow the quota meter is what gets cut, never the sync state. */}
        <QuotaMeter />
      </div>

      <div className="topbar-actions">
        <span className="topbar-agent" title={session.relayUrl}>
          <span className="topbar-agent-name">{session.agentName}</span>
          <span className="topbar-role">{t(session.role === 'lead' ? 'topbar.role.lead' : 'topbar.role.agent')}</span>
        </span>
        <LanguageSwitch />
        <UpdateBanner pendingReplies={sync?.pendingCount ?? 0} />
        <DesktopPreferencesButton />
        <button type="button" className="icon-button" onClick={onShowShortcuts} title={`${t('topbar.shortcuts')} (?)`} aria-label={t('topbar.shortcuts')}>
          ?
        </button>
        <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
          {t('topbar.signOut')}
        </button>
      </div>

      {confirming && (
        <ConfirmDialog
          message={
            (sync?.pendingCount ?? 0) > 0
              ? `${t('topbar.signOut.confirm')}\n\n${t('topbar.signOut.unsent', { count: sync?.pendingCount ?? 0 })}`
              : t('topbar.signOut.confirm')
          }
          confirmLabel={t('topbar.signOut')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onSignOut();
          }}
        />
      )}
    </header>
  );
}
