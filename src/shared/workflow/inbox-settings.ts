import { z } from 'zod';
import { CHANNEL_CAPABILITIES, textLength } from '../channels/capabilities';

/**
 * The team's inbox settings, kept on the relay as one versioned document (`settings.save`, leads only) and synced
 * to every app (`settings.updated`).
 * - `heldReplyAlertMinutes`: a reply held longer than this (waiting for the customer's next message, not sent) is
 *   flagged to its author and to the leads; the team report counts it as expired unanswered.
 * - `autoAssign`: `round_robin` gives each NEW conversation to the next agent who is online, in turn.
 * - `welcome`: a text the relay sends by itself, free with the reply token of a LINE follow (a new friend, or one
 *   who unblocked the account); null = off. Absent in a save from an app that does not know it: the relay keeps
 *   the stored one (docs/protocol.md, `settings.save`).
 */
export const AUTO_ASSIGN_MODES = ['off', 'round_robin'] as const;

/** The welcome goes out on LINE: its text limit, counted LINE's way (UTF-16 code units). */
export const WELCOME_TEXT_MAX = CHANNEL_CAPABILITIES.line.textLimit;

function welcomeTextSchema() {
  return z
    .string({ message: 'welcome.text must be a string' })
    .refine((text) => text.trim().length > 0, 'welcome.text must not be empty (turn the welcome off instead)')
    .refine((text) => textLength('line', text) <= WELCOME_TEXT_MAX, `welcome.text must have at most ${WELCOME_TEXT_MAX} characters (LINE's limit)`);
}

export const inboxSettingsSchema = z.object({
  heldReplyAlertMinutes: z
    .number({ message: 'heldReplyAlertMinutes must be a number' })
    .int('heldReplyAlertMinutes must be whole minutes')
    .min(1, 'heldReplyAlertMinutes must be at least 1')
    .max(1440, 'heldReplyAlertMinutes must be at most 1440 (a day)'),
  autoAssign: z.enum(AUTO_ASSIGN_MODES, { message: 'autoAssign must be "off" or "round_robin"' }),
  welcome: z.object({ text: welcomeTextSchema() }).nullable().optional(),
});
export type InboxSettings = z.infer<typeof inboxSettingsSchema>;

export const DEFAULT_INBOX_SETTINGS: InboxSettings = { heldReplyAlertMinutes: 30, autoAssign: 'off' };

/** True when a reply written at `heldSince` (same clock as `now`) has waited past the alert. */
export function isHeldReplyOverdue(heldSince: number, now: number, settings: Pick<InboxSettings, 'heldReplyAlertMinutes'>): boolean {
  return now - heldSince >= settings.heldReplyAlertMinutes * 60_000;
}
