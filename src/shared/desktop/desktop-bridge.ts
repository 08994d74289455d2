import { z } from 'zod';
import type { DesktopInvokeChannel, DesktopCommand } from './desktop-channels';
import { isShortcutId, type ShortcutId } from './shortcuts';

/** zod schemas of every `window.desktop` call: the main process trusts nothing the page sends. */

const text = (max: number) => z.string().max(max);
export const availabilitySchema = z.enum(['online', 'away']);

export const desktopInputSchemas = {
  'desktop:notify': z.object({
    tag: text(200).min(1),
    title: text(200),
    body: text(500),
    conversationId: text(300).min(1),
    sound: z.boolean(),
  }),
  'desktop:closeNotification': z.object({ tag: text(200).min(1) }),
  'desktop:setUnreadCount': z.object({ count: z.number().int().nonnegative().max(1_000_000) }),
  'desktop:setAvailability': z.object({ availability: availabilitySchema }),
  'desktop:setLanguage': z.object({ language: z.enum(['zh-TW', 'en']) }),
  'desktop:setBusy': z.object({ busy: z.boolean() }),
  'desktop:restartToUpdate': z.object({}),
  'desktop:getStartAtLogin': z.object({}),
  'desktop:setStartAtLogin': z.object({ enabled: z.boolean() }),
} as const satisfies Record<DesktopInvokeChannel, z.ZodType>;

export type DesktopInput<C extends DesktopInvokeChannel> = z.output<(typeof desktopInputSchemas)[C]>;

/** Commands arriving in the page are checked too (the renderer side of the bridge). */
export const desktopCommandSchema: z.ZodType<DesktopCommand> = z.discriminatedUnion('type', [
  z.object({ type: z.literal('openConversation'), conversationId: z.string().min(1) }),
  z.object({ type: z.literal('shortcut'), id: z.custom<ShortcutId>((value) => isShortcutId(value)) }),
  z.object({ type: z.literal('availability'), availability: availabilitySchema }),
  z.object({ type: z.literal('updateReady'), version: z.string() }),
  z.object({ type: z.literal('windowFocused') }),
]);
