import type { zhTWGroups } from './groups.zh-TW';

/** English wording for LINE groups and rooms, their members, and a customer who blocked the account. */
export const enGroups: { readonly [K in keyof typeof zhTWGroups]: string } = {
  'header.blocked': 'Blocked the account · replies are held',
  'row.blocked': 'Blocked',
  'row.blocked.title': 'The customer blocked the account: not in Needs reply; replies are held until they unblock it',

  'groups.kind.group': 'LINE group',
  'groups.kind.room': 'LINE chat room',
  'groups.members.count': '{count} members',
  'groups.members.title': 'Members',
  'groups.members.loading': 'Loading members…',
  'groups.members.none': 'No member has written here yet',
  'groups.members.hint': 'Tags go on members: click a name on a message to tag that customer (T: the member who wrote or joined last)',
  'groups.member.standIn': 'Member …{suffix}',
  'groups.member.tags': 'Tags',
  'groups.member.tagTitle': 'Tag {name}',
  'groups.member.dialogTitle': 'Tags of {name}',
  'groups.member.of': 'Member of “{group}”',
  'groups.member.close': 'Close (Esc)',
  'groups.legacyTags': 'Old tags of the group itself (tags now go on members; you can remove these):',
  'groups.lead.inGroup': 'in the group “{group}”',
};
