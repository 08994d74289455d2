import type { Translate } from '../../i18n';

/** A member's name, or 「成員 …1a2b」 before the relay looked them up. */
export function memberName(member: { memberId: string; displayName: string | null }, t: Translate): string {
  return member.displayName ?? t('groups.member.standIn', { suffix: member.memberId.slice(-4) });
}
