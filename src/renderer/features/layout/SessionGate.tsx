import { useCallback, useEffect, useState } from 'react';
import type { Session, StoreHealth } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { useI18n } from '../../i18n';
import { ConnectScreen } from '../connect/ConnectScreen';
import { DamagedStoreScreen, StoreNotice } from '../store/DamagedStoreScreen';
import { InboxLayout } from './InboxLayout';
import { ProductMark } from './ProductMark';

/**
 * Chooses between the damaged-store screen, the connection screen and the inbox, following session and
 * store changes from the core.
 */
export function SessionGate() {
  const call = useCall();
  const { t } = useI18n();
  const [session, setSession] = useState<Session | null>(null);
  const [health, setHealth] = useState<StoreHealth | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const [fresh, store] = await Promise.all([call('session:get', {}), call('store:health', {})]);
    if (fresh) setSession(fresh);
    // A host that cannot answer the health check must not keep the agent on the splash screen.
    if (fresh) setHealth(store ?? { state: 'ok' });
  }, [call]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useChanged(['session', 'store'], () => void refresh());

  const signOut = useCallback(async () => {
    const result = await call('session:signOut', {});
    if (result?.unsentFile) setNotice(t('signOut.unsentSaved', { count: result.unsentCount, file: result.unsentFile }));
    if (result) await refresh();
  }, [call, refresh, t]);

  const shownNotice = notice && <StoreNotice text={notice} onDismiss={() => setNotice(null)} />;
  if (!session || !health) {
    return (
      <div className="splash" aria-busy="true">
        <ProductMark size={48} />
        <span className="muted">{t('errors.loading')}</span>
      </div>
    );
  }
  if (health.state === 'damaged') {
    return (
      <DamagedStoreScreen
        damage={health}
        onRecovered={(recovery) => {
          setNotice(
            t('store.recovered', {
              saved: recovery.savedItems,
              requeued: recovery.requeuedItems,
              file: recovery.unsentFile,
              copy: recovery.damagedCopy ?? '—',
            }),
          );
          void refresh();
        }}
      />
    );
  }
  if (session.state === 'signed_out') {
    return (
      <>
        {shownNotice}
        <ConnectScreen session={session} onSignedIn={setSession} />
      </>
    );
  }
  return (
    <>
      {shownNotice}
      <InboxLayout session={session} onSignOut={() => void signOut()} />
    </>
  );
}
