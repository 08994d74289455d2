import { createContext, useContext, type ReactNode } from 'react';
import type { InboxApi } from '../../shared/ipc';

const ApiContext = createContext<InboxApi | null>(null);

export function ApiProvider({ api, children }: { api: InboxApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useInboxApi(): InboxApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useInboxApi must be used inside <ApiProvider>');
  return api;
}
