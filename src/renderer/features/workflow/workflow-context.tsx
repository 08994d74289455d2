import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import '../../styles/workflow.css';
import { DEFAULT_INBOX_SETTINGS, type InboxSettings } from '../../../shared/workflow/inbox-settings';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';
import { useTeamMembers, type TeamMembers } from './useTeamMembers';

/** Who is signed in, the team, and the inbox settings: read once for every row, header and panel. */
export interface WorkflowContextValue {
  me: string | null;
  isLead: boolean;
  team: TeamMembers['members'];
  settings: InboxSettings;
  settingsVersion: number;
}

const WorkflowContext = createContext<WorkflowContextValue | null>(null);

export function useWorkflowContext(): WorkflowContextValue {
  return useContext(WorkflowContext) ?? { me: null, isLead: false, team: [], settings: DEFAULT_INBOX_SETTINGS, settingsVersion: 0 };
}

/** `session` is known at once (the role decides what is shown); the team list arrives from the core. */
export function WorkflowProvider({ session, children }: { session: { agentName: string; role: 'agent' | 'lead' }; children: ReactNode }) {
  const call = useCall();
  const members = useTeamMembers();
  const [settings, setSettings] = useState<{ version: number; settings: InboxSettings }>({ version: 0, settings: DEFAULT_INBOX_SETTINGS });
  const refresh = useCallback(async () => {
    const fresh = await call('settings:get', {});
    if (fresh) setSettings(fresh);
  }, [call]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useChanged(['settings', 'session'], () => void refresh());
  const value = useMemo<WorkflowContextValue>(
    () => ({
      me: members?.me || session.agentName || null,
      isLead: session.role === 'lead',
      team: members?.members ?? [],
      settings: settings.settings,
      settingsVersion: settings.version,
    }),
    [members, settings, session.agentName, session.role],
  );
  return <WorkflowContext.Provider value={value}>{children}</WorkflowContext.Provider>;
}
