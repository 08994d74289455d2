import { useCallback, useEffect, useState } from 'react';
import type { IpcOutput } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';

export type TeamMembers = IpcOutput<'team:members'>;

/** The signed-in agent and the team (refreshed by the core on every connect). */
export function useTeamMembers(): TeamMembers | null {
  const call = useCall();
  const [members, setMembers] = useState<TeamMembers | null>(null);
  const refresh = useCallback(async () => {
    const fresh = await call('team:members', {});
    if (fresh) setMembers(fresh);
  }, [call]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useChanged(['team', 'session'], () => void refresh());
  return members;
}
