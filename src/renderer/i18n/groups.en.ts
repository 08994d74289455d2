import type { zhTWGroups } from './groups.zh-TW';

/** English wording for LINE groups and rooms, their members, and a customer who blocked the account. */
export const enGroups: { readonly [K in keyof typeof zhTWGroups]: string } = {
  'header.blocked': 'Blocked the account — replies are held and go out free if they add the account again',
};
