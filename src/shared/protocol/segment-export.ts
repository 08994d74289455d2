import { z } from 'zod';
import { boundedTagNameSchema } from './tag-mutations';

/**
 * Segment export (lead only): `POST /api/segments/export` with `Authorization: Bearer <agent token>`
 * and this JSON body answers a CSV file (UTF-8 with BOM). See docs/protocol.md, "Segment export".
 */
export const SEGMENT_EXPORT_PATH = '/api/segments/export';

export const segmentQuerySchema = z.object({
  tags: z.array(boundedTagNameSchema).min(1, 'Pick at least one tag').max(20, 'At most 20 tags per segment'),
  /** `and`: friends with every tag; `or`: friends with any of them. */
  mode: z.enum(['and', 'or']),
});
export type SegmentQueryInput = z.infer<typeof segmentQuerySchema>;
