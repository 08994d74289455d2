import { z } from 'zod';
import { inboxSettingsSchema } from '../workflow/inbox-settings';
import { boundedCount } from './limits';
import { MEMBER_NAME_MAX } from './workflow-mutations';

/**
 * What only a team lead may do over the socket: save the inbox settings, create and revoke agent tokens, and ask
 * for the team report and the token list. The relay answers an agent token FORBIDDEN (docs/protocol.md, "Roles").
 */

export const settingsSavePayload = z.object({ settings: inboxSettingsSchema, baseVersion: boundedCount });
export type SettingsSavePayload = z.infer<typeof settingsSavePayload>;

const tokenName = z
  .string()
  .trim()
  .min(1, 'name is required')
  .max(MEMBER_NAME_MAX, `name must have at most ${MEMBER_NAME_MAX} characters`)
  .regex(/^[^\u0000-\u001f\u007f]+$/u, 'name must not contain control characters');
export const tokenCreatePayload = z.object({ name: tokenName, role: z.enum(['agent', 'lead']) });
export const tokenRevokePayload = z.object({ name: tokenName });

/** `token` is shown to the first answer only; a repeat of the id gets null (only the hash is stored). */
export const tokenCreateResultSchema = z.object({ ok: z.literal(true), name: z.string(), role: z.enum(['agent', 'lead']), token: z.string().nullable() });
export const tokenRevokeResultSchema = z.object({ ok: z.literal(true), name: z.string(), revoked: z.number().int().nonnegative() });

/**
 * Every mutation only a lead may send: reshaping the shop's tags, replacing the catalog (with the shop's selling
 * settings), the reply rules, the inbox settings, and managing tokens.
 */
export const LEAD_ONLY_MUTATION_TYPES: ReadonlySet<string> = new Set([
  'tag.rename',
  'tag.merge',
  'tag.delete',
  'catalog.save',
  'rules.save',
  'settings.save',
  'token.create',
  'token.revoke',
]);

// ── `request` frames: reads that are answered, never stored (client → relay, with an acknowledgement) ──

export const teamReportRequestPayload = z.object({
  /** The report's range on the relay clock (ms), at most 366 days. */
  from: boundedCount,
  to: boundedCount,
  /** `new Date().getTimezoneOffset()` of the lead's machine: days are the lead's local days. */
  timezoneOffsetMinutes: z.number().int().min(-840).max(840),
});
export type TeamReportRequestPayload = z.infer<typeof teamReportRequestPayload>;

export const requestFrameSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('team.report'), payload: teamReportRequestPayload }),
  z.object({ type: z.literal('token.list'), payload: z.object({}).default({}) }),
  /** Every role: the team's members (assignment picker, @mentions). */
  z.object({ type: z.literal('team.members'), payload: z.object({}).default({}) }),
]);
export type RequestFrame = z.infer<typeof requestFrameSchema>;
export const LEAD_ONLY_REQUEST_TYPES: ReadonlySet<string> = new Set(['team.report', 'token.list']);

export const tokenListEntrySchema = z.object({
  name: z.string(),
  role: z.enum(['agent', 'lead']),
  createdAt: z.number().int(),
  revokedAt: z.number().int().nullable(),
  /** Connected to a relay now. */
  online: z.boolean(),
});
export type TokenListEntry = z.infer<typeof tokenListEntrySchema>;

/** A member of the team: an active agent token's name and role (never the token). */
export const teamMemberSchema = z.object({ name: z.string(), role: z.enum(['agent', 'lead']), online: z.boolean() });
export type TeamMember = z.infer<typeof teamMemberSchema>;

/** What a `request` is answered with: `{ ok: true, … }` per type, or an error (FORBIDDEN, INVALID_REQUEST …). */
export const requestErrorSchema = z.object({ ok: z.literal(false), code: z.string(), message: z.string() });
