import { useCallback, useEffect, useState } from 'react';
import type { Session } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { useI18n } from '../../i18n';
import { ConnectScreen } from '../connect/ConnectScreen';
import { InboxLayout } from './InboxLayout';
import { ProductMark } from './ProductMark';

/** Chooses between the connection screen and the inbox, following session changes from the core. */
export function SessionGate() {
  const call = useCall();
  const { t } = useI18n();
  const [session, setSession] = useState<Session | null>(null);

  const refresh = useCallback(async () => {
    const fresh = await call('session:get', {});
    if (fresh) setSession(fresh);
  }, [call]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useChanged(['session'], () => void refresh());

  const signOut = useCallback(async () => {
    const result = await call('session:signOut', {});
    if (result) await refresh();
  }, [call, refresh]);

  if (!session) {
    return (
      <div className="splash" aria-busy="true">
        <ProductMark size={48} />
        <span className="muted">{t('errors.loading')}</span>
      </div>
    );
  }
  if (session.state === 'signed_out') {
    return <ConnectScreen session={session} onSignedIn={setSession} />;
  }
  return <InboxLayout session={session} onSignOut={() => void signOut()} />;
}
