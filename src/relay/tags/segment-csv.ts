import type { SegmentMember } from '../store/relay-store';

/** Excel only detects UTF-8 (and shows 中文 correctly) when the file starts with a byte-order mark. */
const UTF8_BOM = '\uFEFF';

/** The last column names the LINE group a member was met in, when they never wrote one-to-one. */
export const SEGMENT_CSV_HEADER = ['LINE user ID', '顯示名稱 Display name', '標籤 Tags', '最後訊息 Last message (UTC)', 'Conversation', '群組 Group'];

/**
 * RFC 4180 cell: quoted when needed. A cell starting with = + - @ (or tab/CR) is prefixed with an
 * apostrophe so a customer's display name cannot run as a formula when a lead opens the file.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

export function segmentCsv(members: readonly SegmentMember[]): string {
  const lines = [SEGMENT_CSV_HEADER, ...members.map((member) => [
    member.friendId,
    member.displayName,
    member.tags.join('、'),
    member.lastMessageAt === null ? '' : new Date(member.lastMessageAt).toISOString().replace('T', ' ').slice(0, 19),
    member.conversationId ?? '',
    member.groupName ?? '',
  ])];
  return UTF8_BOM + lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
