import { useEffect, useState } from 'react';
import type { BridgeInboxApi, BridgeState } from '../../api/bridge-client';
import { useI18n } from '../../i18n';

/** Browser host only: says so when the page has lost the app behind it (Electron never shows this). */
export function BridgeBanner({ bridge }: { bridge: BridgeInboxApi | null }) {
  const { t } = useI18n();
  const [state, setState] = useState<BridgeState | null>(() => bridge?.state() ?? null);
  useEffect(() => {
    if (!bridge) return;
    setState(bridge.state());
    return bridge.onStateChange(setState);
  }, [bridge]);
  if (state !== 'lost' && state !== 'unauthorized') return null;
  return (
    <div className={`bridge-banner bridge-${state}`} role="alert">
      {state === 'lost' && <span className="spinner spinner-small" aria-hidden="true" />}
      {state === 'lost' ? t('errors.bridgeLost') : t('errors.bridgeUnauthorized')}
    </div>
  );
}
