import { z } from 'zod';
import { conversationStatusSchema } from '../workflow/conversation-status';
import { boundedCount, boundedId } from './limits';

/**
 * Team-inbox mutations (client → relay): status, assignment, internal notes, customer notes. Queued in the app's
 * outbox like replies (offline-safe, one effect per id).
 *
 * `seenSeq` is the author's sync cursor when the change was made: the newest event they had seen. The relay uses
 * it to merge changes made concurrently (often offline): a change never overrides what its author had not seen —
 * another agent's newer change of the same field, or a customer message that reopened the conversation
 * (docs/protocol.md, "Team inbox: the merge rule"). Without `seenSeq` the change applies in arrival order.
 */
const clientTime = boundedCount.optional();
const seenSeq = boundedCount.optional();
const conversationId = boundedId('conversationId');
/** Team member names (agent token names) are at most 64 characters. */
export const MEMBER_NAME_MAX = 64;
const memberName = z.string().trim().min(1, 'assignee is empty').max(MEMBER_NAME_MAX, `assignee must have at most ${MEMBER_NAME_MAX} characters`);

export const conversationSetStatusPayload = z
  .object({
    conversationId,
    status: conversationStatusSchema,
    /** Required for `snoozed`: when it comes back (relay clock, ms). */
    snoozedUntil: boundedCount.nullable().optional(),
    seenSeq,
    clientTime,
  })
  .refine((payload) => payload.status !== 'snoozed' || (payload.snoozedUntil ?? null) !== null, {
    message: 'snoozedUntil is required to snooze',
    path: ['snoozedUntil'],
  });
export type ConversationSetStatusPayload = z.infer<typeof conversationSetStatusPayload>;

export const conversationAssignPayload = z.object({
  conversationId,
  /** A team member's name, or null to unassign. */
  assignee: memberName.nullable(),
  seenSeq,
  clientTime,
});
export type ConversationAssignPayload = z.infer<typeof conversationAssignPayload>;

export const NOTE_MAX_CHARS = 5_000;
/** An internal note in a conversation: the mutation id is the note's id. Never sent to the customer. */
export const noteAddPayload = z.object({
  conversationId,
  text: z.string().trim().min(1, 'Note text is empty').max(NOTE_MAX_CHARS, `Note text must have at most ${NOTE_MAX_CHARS.toLocaleString('en-US')} characters`),
  /** Team members @mentioned (they are notified). */
  mentions: z.array(memberName).max(20, 'at most 20 mentions').default([]),
  clientTime,
});
export type NoteAddPayload = z.infer<typeof noteAddPayload>;

export const CUSTOMER_NOTE_MAX_CHARS = 4_000;
/** The team's free-text notes about a customer (the whole text; empty clears it). */
export const customerSetNotePayload = z.object({
  friendId: boundedId('friendId'),
  text: z.string().max(CUSTOMER_NOTE_MAX_CHARS, `Customer note must have at most ${CUSTOMER_NOTE_MAX_CHARS.toLocaleString('en-US')} characters`),
  seenSeq,
  clientTime,
});
export type CustomerSetNotePayload = z.infer<typeof customerSetNotePayload>;

/** Why a change was not applied although the mutation was accepted (see the merge rule). */
export const supersededSchema = z.enum(['customer_wrote', 'status_changed', 'assignment_changed']);

export const conversationSetStatusResultSchema = z.object({
  ok: z.literal(true),
  changed: z.boolean(),
  status: conversationStatusSchema,
  snoozedUntil: z.number().int().nullable(),
  superseded: supersededSchema.optional(),
});
export const conversationAssignResultSchema = z.object({
  ok: z.literal(true),
  changed: z.boolean(),
  assignee: z.string().nullable(),
  superseded: supersededSchema.optional(),
});
export const noteAddResultSchema = z.object({ ok: z.literal(true), noteId: z.string(), mentions: z.array(z.string()) });
export const customerSetNoteResultSchema = z.object({ ok: z.literal(true), changed: z.boolean(), text: z.string(), merged: z.boolean() });

export const WORKFLOW_MUTATION_TYPES = ['conversation.setStatus', 'conversation.assign', 'note.add', 'customer.setNote'] as const;
export type WorkflowMutationType = (typeof WORKFLOW_MUTATION_TYPES)[number];

