import { useMemo } from 'react';
import type { InboxApi } from '../shared/ipc';
import { ApiProvider } from './api/api-context';
import { getBridgeClient, getInboxApi } from './api/inbox-api';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ToastProvider } from './components/Toasts';
import { BridgeBanner } from './features/layout/BridgeBanner';
import { SessionGate } from './features/layout/SessionGate';
import { I18nProvider, useI18n } from './i18n';
import { PreferencesProvider } from './desktop/preferences';
import { ShortcutProvider } from './shortcuts/ShortcutProvider';

function BoundaryFallback({ onReload, error }: { onReload(): void; error: Error }) {
  const { t } = useI18n();
  return (
    <div className="fatal-screen" role="alert">
      <h1>{t('errors.boundary.title')}</h1>
      <p>{t('errors.boundary.body')}</p>
      <pre className="fatal-detail">{error.message}</pre>
      <button type="button" className="button button-primary" onClick={onReload}>
        {t('errors.boundary.reload')}
      </button>
    </div>
  );
}

function NoApiScreen() {
  const { t } = useI18n();
  return (
    <div className="fatal-screen" role="alert">
      <h1>{t('app.name')}</h1>
      <p>{t('errors.bridgeUnauthorized')}</p>
    </div>
  );
}

function Root() {
  const api = useMemo<InboxApi | null>(() => {
    try {
      return getInboxApi();
    } catch (error) {
      console.error(error);
      return null;
    }
  }, []);
  if (!api) return <NoApiScreen />;
  return (
    <ApiProvider api={api}>
      <ToastProvider>
        <BridgeBanner bridge={getBridgeClient()} />
        <ErrorBoundary fallback={(reset, error) => <BoundaryFallback onReload={reset} error={error} />}>
          <SessionGate />
        </ErrorBoundary>
      </ToastProvider>
    </ApiProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <PreferencesProvider>
        <ShortcutProvider>
          <Root />
        </ShortcutProvider>
      </PreferencesProvider>
    </I18nProvider>
  );
}
