import { z } from 'zod';

/**
 * Size limits of everything a client may send the relay. Every string in an inbound frame has a maximum,
 * and the messages name the field and the limit, never the value (an error must not echo a huge input).
 */
export const LIMITS = {
  /** Conversation, message, friend and presence ids (LINE ids are 33 characters; ours `msg_<uuid>`). */
  idLength: 128,
  /** Mutation ids: a UUID is 36 characters. */
  mutationIdMinLength: 8,
  mutationIdLength: 64,
  /** Mutation type names ("order.sendSummary"). */
  mutationTypeLength: 64,
  /** Agent tokens are `sia_` + 43 characters. */
  tokenLength: 256,
  /** Raw tag names before normalisation (a normalised name has at most 20 characters). */
  rawTagNameLength: 200,
} as const;

/** A required id field: 1–`max` characters. */
export function boundedId(field: string, max: number = LIMITS.idLength, min = 1) {
  return z
    .string({ message: `${field} must be a string` })
    .min(min, min === 1 ? `${field} is empty` : `${field} must have at least ${min} characters`)
    .max(max, `${field} must have at most ${max} characters`);
}

/** Counters and cursors: whole, non-negative, within what a JavaScript number holds exactly. */
export const boundedCount = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
