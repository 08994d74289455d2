import { z } from 'zod';
import { tagNameSchema as normalisedTagName } from '../tags/tag-name';
import { LIMITS, boundedCount, boundedId } from './limits';

/**
 * Tag mutations (client → relay). Names are normalised with the shared normaliser on both sides;
 * `clientTime` is when the agent made the change on their own clock (kept for the audit trail); optional —
 * without it the relay records its receive time.
 */
const clientTime = boundedCount.optional();
const friendId = boundedId('friendId');
/** Bounded before normalising, so an over-long name is refused without being repeated in the error. */
export const boundedTagNameSchema = z.string().max(LIMITS.rawTagNameLength, `tag must have at most ${LIMITS.rawTagNameLength} characters`).pipe(normalisedTagName);

export const tagAddPayload = z.object({ friendId, tag: boundedTagNameSchema, clientTime });
export type TagAddPayload = z.infer<typeof tagAddPayload>;

export const tagRemovePayload = z.object({
  friendId,
  tag: boundedTagNameSchema,
  clientTime,
  /**
   * The add-ids of this tag on this friend that the client had seen when the agent removed it. The
   * relay removes the tag only if its current add-id is among them; an add the remover never saw
   * wins (add-wins merge). Omitted: remove whatever is there.
   */
  observedAddIds: z.array(boundedId('observedAddIds[]', LIMITS.mutationIdLength)).max(50).optional(),
});
export type TagRemovePayload = z.infer<typeof tagRemovePayload>;

export const tagRenamePayload = z.object({ from: boundedTagNameSchema, to: boundedTagNameSchema, clientTime });
export const tagMergePayload = z.object({ source: boundedTagNameSchema, target: boundedTagNameSchema, clientTime });
export const tagDeletePayload = z.object({ tag: boundedTagNameSchema, clientTime });
export type TagRenamePayload = z.infer<typeof tagRenamePayload>;
export type TagMergePayload = z.infer<typeof tagMergePayload>;
export type TagDeletePayload = z.infer<typeof tagDeletePayload>;

/** Only team leads may reshape the shop's tag list (the relay answers FORBIDDEN to agents). */
export const LEAD_ONLY_MUTATIONS: ReadonlySet<string> = new Set(['tag.rename', 'tag.merge', 'tag.delete']);

/** Answer to every tag mutation: the shop's spelling of the tag and whether anything changed. */
export const tagMutationResultSchema = z.object({
  ok: z.literal(true),
  tag: z.string(),
  changed: z.boolean(),
  /** Friends affected by a rename, merge or delete. */
  affected: z.number().int().nonnegative().optional(),
});
export type TagMutationResult = z.infer<typeof tagMutationResultSchema>;
