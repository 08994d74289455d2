import { z } from 'zod';
import { channelSchema } from '../protocol/events';

/** One message found by `search:messages`; `highlights` are UTF-16 offsets into `snippet`. */
export const messageSearchHitSchema = z.object({
  messageId: z.string(),
  conversationId: z.string(),
  conversationName: z.string(),
  channel: channelSchema,
  direction: z.enum(['in', 'out']),
  createdAt: z.number().int(),
  snippet: z.string(),
  highlights: z.array(z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })),
});
export type MessageSearchHit = z.infer<typeof messageSearchHitSchema>;
