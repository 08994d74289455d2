import { z } from 'zod';

/**
 * Tag events (relay → every client). They belong to a friend (or to the whole shop), not to one
 * conversation, so they carry no conversationId. `clientTime` is the author's clock when the agent
 * made the change — it may be much older than `occurredAt` for changes made offline. Applying these
 * events in seq order reproduces the relay's tag state exactly (docs/protocol.md, "Tags").
 */
const base = {
  seq: z.number().int().positive(),
  occurredAt: z.number().int().nonnegative(),
};
const authored = {
  mutationId: z.string(),
  agentName: z.string(),
  clientTime: z.number().int().nonnegative(),
};

/** A friend got a tag, or (already having it) the add refreshed its add-id: add wins over older removes. */
export const tagAddedEvent = z.object({
  ...base,
  type: z.literal('tag.added'),
  payload: z.object({ friendId: z.string(), tag: z.string(), ...authored }),
});

export const tagRemovedEvent = z.object({
  ...base,
  type: z.literal('tag.removed'),
  payload: z.object({ friendId: z.string(), tag: z.string(), ...authored }),
});

/** The shop's tag `from` is now called `to` (same key family or a free key), on every friend. */
export const tagRenamedEvent = z.object({
  ...base,
  type: z.literal('tag.renamed'),
  payload: z.object({ from: z.string(), to: z.string(), ...authored }),
});

/** `source` folded into `target` on every friend: a friend with both keeps only `target`. */
export const tagMergedEvent = z.object({
  ...base,
  type: z.literal('tag.merged'),
  payload: z.object({ source: z.string(), target: z.string(), affected: z.number().int().nonnegative(), ...authored }),
});

export const tagDeletedEvent = z.object({
  ...base,
  type: z.literal('tag.deleted'),
  payload: z.object({ tag: z.string(), affected: z.number().int().nonnegative(), ...authored }),
});

export const TAG_EVENT_TYPES = ['tag.added', 'tag.removed', 'tag.renamed', 'tag.merged', 'tag.deleted'] as const;
