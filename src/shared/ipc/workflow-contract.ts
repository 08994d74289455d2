import { z } from 'zod';
import { teamReportSchema } from '../reports/team-report-schema';
import { tokenListEntrySchema } from '../protocol/team-admin';
import { conversationStatusSchema } from '../workflow/conversation-status';
import { inboxSettingsSchema } from '../workflow/inbox-settings';
import { customerPanelSchema, viewCountsSchema } from './workflow-views';

/**
 * IPC channels of the team inbox (spread into ipcContract). Status, assignment and notes are queued in the
 * outbox (offline-safe); what a lead does (settings, tokens, the team report) needs the relay now. Every action
 * is a plain channel, so a keyboard shortcut can call it as well as a button.
 */

const ok = z.object({ ok: z.literal(true) });
const failure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() });
const result = <T extends z.ZodRawShape>(shape: T) => z.union([ok.extend(shape), failure]);
const inboxFilter = z.object({
  tag: z.string().max(200).nullable().default(null),
  noTags: z.boolean().default(false),
  unreadOnly: z.boolean().default(false),
  channel: z.enum(['line', 'messenger', 'instagram', 'webchat']).nullable().default(null),
});
const reportInput = z.object({
  days: z.number().int().min(1).max(366).default(7),
  timezoneOffsetMinutes: z.number().int().min(-840).max(840).default(-480),
});

export const workflowIpcContract = {
  /** How many conversations each view lists, within the tag / channel / unread filter. */
  'inbox:viewCounts': { input: z.object({ filter: inboxFilter.optional() }), output: viewCountsSchema },
  /** The conversation waiting longest (Needs reply order) other than `afterId`: "next unanswered". */
  'workflow:nextWaiting': { input: z.object({ afterId: z.string().nullable().default(null) }), output: z.object({ conversationId: z.string().nullable() }) },
  'workflow:setStatus': {
    input: z.object({
      conversationId: z.string().min(1),
      status: conversationStatusSchema,
      /** For `snoozed`: when it comes back, on the agent's clock. */
      snoozedUntil: z.number().int().nullable().default(null),
    }),
    output: result({}),
  },
  /** `assignee` null unassigns; the agent's own name takes it. */
  'workflow:assign': { input: z.object({ conversationId: z.string().min(1), assignee: z.string().max(64).nullable() }), output: result({}) },
  /** An internal note (never sent to the customer); `@name` mentions notify those members. */
  'workflow:addNote': { input: z.object({ conversationId: z.string().min(1), text: z.string().max(5000) }), output: result({ noteId: z.string() }) },
  /** Mentions in this conversation were seen (opening it does this too). */
  'workflow:clearMentions': { input: z.object({ conversationId: z.string().min(1) }), output: ok },
  /** Held replies waiting longer than the shop's alert: all of them (leads) or this agent's own. */
  'workflow:heldOverdue': {
    input: z.object({}),
    output: z.object({ count: z.number().int().nonnegative(), alertMinutes: z.number().int().positive(), oldestConversationId: z.string().nullable() }),
  },

  'customer:get': { input: z.object({ conversationId: z.string().min(1) }), output: customerPanelSchema.nullable() },
  'customer:setNote': { input: z.object({ conversationId: z.string().min(1), text: z.string().max(4000) }), output: result({}) },

  'team:members': {
    input: z.object({}),
    output: z.object({ me: z.string(), role: z.enum(['agent', 'lead']), members: z.array(z.object({ name: z.string(), role: z.enum(['agent', 'lead']), online: z.boolean() })) }),
  },
  'settings:get': { input: z.object({}), output: z.object({ version: z.number().int().nonnegative(), settings: inboxSettingsSchema }) },
  /** Leads only, on the relay now: CONFLICT when someone saved since `baseVersion`. */
  'settings:save': { input: z.object({ settings: inboxSettingsSchema, baseVersion: z.number().int().nonnegative() }), output: result({ version: z.number().int() }) },
  /** The lead's team report from the relay (FORBIDDEN for agents). */
  'team:report': { input: reportInput, output: result({ report: teamReportSchema }) },
  'team:reportCsv': { input: reportInput.extend({ language: z.enum(['zh-TW', 'en']).default('zh-TW') }), output: result({ filename: z.string(), csv: z.string() }) },
  'team:tokens': { input: z.object({}), output: result({ tokens: z.array(tokenListEntrySchema) }) },
  /** The new token is in this answer only. */
  'team:createToken': {
    input: z.object({ name: z.string().trim().min(1).max(64), role: z.enum(['agent', 'lead']) }),
    output: result({ token: z.string().nullable() }),
  },
  'team:revokeToken': { input: z.object({ name: z.string().trim().min(1).max(64) }), output: result({ revoked: z.number().int() }) },
} as const;
