import { useCallback, useEffect, useState } from 'react';
import type { LeadTag, TagAuditEntry, TagMember } from '../../../shared/ipc';
import { useCall } from '../../hooks/useCall';
import { useChanged } from '../../hooks/useChanged';

/** The lead workspace's reads: every tag, the selected tag's members, and the audit trail. */
export function useLeadData(selected: string | null) {
  const call = useCall();
  const [tags, setTags] = useState<LeadTag[] | null>(null);
  const [members, setMembers] = useState<TagMember[] | null>(null);
  const [audit, setAudit] = useState<TagAuditEntry[] | null>(null);
  const [forbidden, setForbidden] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const [all, people, trail] = await Promise.all([
      call('lead:tags', {}),
      selected ? call('lead:members', { tag: selected }) : Promise.resolve(null),
      call('lead:audit', { tag: selected, limit: 60 }),
    ]);
    if (all && !all.ok) {
      setForbidden(all.message);
      return;
    }
    if (all) setTags(all.tags);
    setMembers(people && people.ok ? people.members : null);
    if (trail && trail.ok) setAudit(trail.entries);
  }, [call, selected]);

  useEffect(() => {
    void refresh();
  }, [refresh]);
  useChanged(['tags', 'inbox'], () => void refresh());
  return { tags, members, audit, forbidden };
}
