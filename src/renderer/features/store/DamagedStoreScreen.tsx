import { useState } from 'react';
import type { StoreHealth, StoreRecovery } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';
import { ProductMark } from '../layout/ProductMark';

type Damaged = Extract<StoreHealth, { state: 'damaged' }>;

/**
 * The local store is damaged: the one way forward is the core's repair (unsent items saved to a file
 * first, the damaged file kept, a fresh store resynced from the relay). Shown instead of the inbox.
 */
export function DamagedStoreScreen({ damage, onRecovered }: { damage: Damaged; onRecovered(recovery: StoreRecovery): void }) {
  const { t } = useI18n();
  const call = useCall();
  const [working, setWorking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function recover() {
    setWorking(true);
    setFailure(null);
    const result = await call('store:recover', {});
    setWorking(false);
    if (!result) return; // the toast already says why
    if (result.ok) onRecovered(result.recovery);
    else setFailure(result.message);
  }

  return (
    <div className="fatal-screen store-damaged" role="alert">
      <ProductMark size={40} />
      <h1>{t('store.damaged.title')}</h1>
      <p>{t('store.damaged.body')}</p>
      <button type="button" className="button button-primary" disabled={working} onClick={() => void recover()}>
        {working ? t('store.damaged.working') : t('store.damaged.action')}
      </button>
      {failure && <p className="store-damaged-failure">{t('store.damaged.failed', { message: failure })}</p>}
      <details>
        <summary>{t('store.damaged.detail')}</summary>
        <pre className="fatal-detail">{damage.reason}</pre>
      </details>
    </div>
  );
}

/** What a repair or a sign-out did with unsent work: a notice the agent dismisses. */
export function StoreNotice({ text, onDismiss }: { text: string; onDismiss(): void }) {
  const { t } = useI18n();
  return (
    <div className="store-notice" role="status">
      <span className="store-notice-text">{text}</span>
      <button type="button" className="button button-quiet button-small" onClick={onDismiss}>
        {t('errors.dismiss')}
      </button>
    </div>
  );
}
