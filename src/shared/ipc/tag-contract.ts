import { z } from 'zod';
import { channelSchema } from '../protocol/events';

/** IPC channels for tags, the inbox's tag filter and the team-lead workspace (spread into ipcContract). */

const ok = z.object({ ok: z.literal(true) });
const failure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() });
const tagName = z.string().max(200);

export const friendTagSchema = z.object({
  key: z.string(),
  name: z.string(),
  /** Added or kept here but not yet confirmed by the relay. */
  pending: z.boolean(),
});
export type FriendTag = z.infer<typeof friendTagSchema>;

/** An add the relay refused (usually TAG_LIMIT), shown to the agent who made it until dismissed. */
export const tagRejectionSchema = z.object({
  mutationId: z.string(),
  friendId: z.string(),
  tag: z.string(),
  code: z.string(),
  message: z.string(),
  rejectedAt: z.number().int(),
});
export type TagRejection = z.infer<typeof tagRejectionSchema>;

export const shopTagSchema = z.object({ key: z.string(), name: z.string(), count: z.number().int().nonnegative() });
export type ShopTag = z.infer<typeof shopTagSchema>;

/** Inbox filter; all parts combine with AND. Omitted: the whole inbox. */
export const inboxFilterSchema = z.object({
  /** Only conversations whose friend has this tag (a tag name; normalised by the core). */
  tag: tagName.nullable().default(null),
  /** Only conversations whose friend has no tag at all. */
  noTags: z.boolean().default(false),
  unreadOnly: z.boolean().default(false),
  /** Only conversations of this channel (LINE, Messenger, Instagram, web chat). */
  channel: channelSchema.nullable().default(null),
});
export type InboxFilter = z.input<typeof inboxFilterSchema>;

/** Conversations per channel (every channel present, zeros included). */
export const channelCountsSchema = z.object({
  line: z.number().int().nonnegative(),
  messenger: z.number().int().nonnegative(),
  instagram: z.number().int().nonnegative(),
  webchat: z.number().int().nonnegative(),
});
export type ChannelCounts = z.infer<typeof channelCountsSchema>;

export const leadTagSchema = shopTagSchema.extend({
  /** Member count at the end of each of the last 14 days, oldest first (today last). */
  trend: z.array(z.number().int()),
  /** The members' conversations per channel. */
  channels: channelCountsSchema,
});
export type LeadTag = z.infer<typeof leadTagSchema>;

export const tagMemberSchema = z.object({
  friendId: z.string(),
  conversationId: z.string(),
  channel: channelSchema,
  displayName: z.string(),
  pictureUrl: z.string().nullable(),
  lastMessageAt: z.number().int().nullable(),
  lastMessagePreview: z.string(),
  lastMessageDirection: z.enum(['in', 'out']).nullable(),
  /** A member of a LINE group with no one-to-one chat: the group they were last seen in (`conversationId` is its). */
  groupName: z.string().nullable().default(null),
});
export type TagMember = z.infer<typeof tagMemberSchema>;

/** A member of a LINE group or room: a person the agent can tag (their friendId is `memberId`). */
export const chatMemberSchema = z.object({
  memberId: z.string(),
  /** null until the relay looked the member up (the app shows a stand-in). */
  displayName: z.string().nullable(),
  pictureUrl: z.string().nullable(),
  /** When they last wrote or did something in this group (agent's clock as stored); null if unknown. */
  lastSeenAt: z.number().int().nullable(),
  tags: z.array(z.string()),
});
export type ChatMember = z.infer<typeof chatMemberSchema>;

export const tagAuditEntrySchema = z.object({
  seq: z.number().int(),
  action: z.enum(['added', 'removed', 'renamed', 'merged', 'deleted']),
  tag: z.string(),
  /** Rename/merge target. */
  detail: z.string().nullable(),
  friendId: z.string().nullable(),
  friendName: z.string().nullable(),
  agentName: z.string(),
  /** When the agent made the change, on their clock (offline changes keep their original time). */
  clientTime: z.number().int(),
  /** When the relay accepted it. */
  recordedAt: z.number().int(),
  affected: z.number().int().nullable(),
});
export type TagAuditEntry = z.infer<typeof tagAuditEntrySchema>;

export const tagIpcContract = {
  /** A friend's tags as the agent sees them (confirmed + own pending changes) and refused adds. */
  'tags:ofFriend': {
    input: z.object({ friendId: z.string() }),
    output: z.object({ tags: z.array(friendTagSchema), max: z.number().int(), rejections: z.array(tagRejectionSchema) }),
  },
  /** Queues tag.add in the outbox (works offline); refused locally when the name is bad or the friend is full. */
  'tags:add': {
    input: z.object({ friendId: z.string(), tag: tagName }),
    output: z.union([ok.extend({ tag: z.string() }), failure]),
  },
  'tags:remove': { input: z.object({ friendId: z.string(), tag: tagName }), output: z.union([ok, failure]) },
  /** The members of a LINE group or room (most recently active first) with their tags: tags belong to people. */
  'tags:members': { input: z.object({ conversationId: z.string() }), output: z.object({ members: z.array(chatMemberSchema) }) },
  'tags:dismissRejection': { input: z.object({ mutationId: z.string() }), output: ok },
  /** The shop's tags with member counts (autocomplete). */
  'tags:list': { input: z.object({}), output: z.object({ tags: z.array(shopTagSchema) }) },
  /**
   * Counts for the inbox filter bar, each within the unread filter when it is on. Tag counts (all, noTags,
   * tags) are within `channel`; channel counts are within the tag choice (`tag` / `noTags`), so the two
   * filters combine and each shows what the other leaves.
   */
  'inbox:counts': {
    input: z.object({
      unreadOnly: z.boolean().default(false),
      channel: channelSchema.nullable().default(null),
      tag: tagName.nullable().default(null),
      noTags: z.boolean().default(false),
    }),
    output: z.object({
      all: z.number().int(),
      unread: z.number().int(),
      noTags: z.number().int(),
      tags: z.array(shopTagSchema),
      /** Within the tag choice and unread; their sum is the "All" channel choice. */
      channels: channelCountsSchema,
    }),
  },

  // ── team-lead workspace: answered FORBIDDEN unless the signed-in role is lead ──
  'lead:tags': { input: z.object({}), output: z.union([ok.extend({ tags: z.array(leadTagSchema) }), failure]) },
  'lead:members': {
    input: z.object({ tag: tagName }),
    output: z.union([ok.extend({ members: z.array(tagMemberSchema) }), failure]),
  },
  'lead:audit': {
    input: z.object({ tag: tagName.nullable().default(null), limit: z.number().int().min(1).max(500).default(100) }),
    output: z.union([ok.extend({ entries: z.array(tagAuditEntrySchema) }), failure]),
  },
  /** Sent straight to the relay (online only): the relay re-checks the role and applies it atomically. */
  'lead:rename': { input: z.object({ from: tagName, to: tagName }), output: z.union([ok.extend({ affected: z.number().int() }), failure]) },
  'lead:merge': {
    input: z.object({ source: tagName, target: tagName }),
    output: z.union([ok.extend({ affected: z.number().int() }), failure]),
  },
  'lead:delete': { input: z.object({ tag: tagName }), output: z.union([ok.extend({ affected: z.number().int() }), failure]) },
  /** A CSV segment from the relay (UTF-8 with BOM). */
  'lead:export': {
    input: z.object({ tags: z.array(tagName).min(1).max(20), mode: z.enum(['and', 'or']) }),
    output: z.union([ok.extend({ filename: z.string(), csv: z.string(), count: z.number().int() }), failure]),
  },
} as const;
