import { z } from 'zod';
import { conversationStatusSchema } from '../workflow/conversation-status';
import { inboxSettingsSchema } from '../workflow/inbox-settings';

/**
 * Team-inbox events (relay → every client). Applying them in seq order gives every app the relay's status,
 * assignment, notes and settings. `agentName` null = the relay decided (a customer message reopened the conversation,
 * round-robin assigned it). `clientTime` is the author's clock when the change was made (offline changes keep it).
 */
const base = {
  seq: z.number().int().positive(),
  occurredAt: z.number().int().nonnegative(),
};
const author = {
  agentName: z.string().nullable(),
  mutationId: z.string().nullable(),
  clientTime: z.number().int().nonnegative().nullable(),
};

export const conversationStatusChangedEvent = z.object({
  ...base,
  type: z.literal('conversation.statusChanged'),
  conversationId: z.string(),
  payload: z.object({
    status: conversationStatusSchema,
    snoozedUntil: z.number().int().nullable(),
    previous: conversationStatusSchema,
    /** `customer_message`: a new customer message reopened it. */
    cause: z.enum(['agent', 'customer_message']),
    ...author,
  }),
});

export const conversationAssignedEvent = z.object({
  ...base,
  type: z.literal('conversation.assigned'),
  conversationId: z.string(),
  payload: z.object({
    assignee: z.string().nullable(),
    previous: z.string().nullable(),
    /** `round_robin`: the relay gave a new conversation to the next online agent. */
    cause: z.enum(['agent', 'round_robin']),
    ...author,
  }),
});

/** An internal note: shown in the thread to the team only, never sent to any channel. */
export const noteAddedEvent = z.object({
  ...base,
  type: z.literal('note.added'),
  conversationId: z.string(),
  payload: z.object({
    noteId: z.string(),
    text: z.string(),
    mentions: z.array(z.string()),
    agentName: z.string(),
    clientTime: z.number().int().nonnegative().nullable(),
  }),
});

/** The team's notes about a customer (a friend; no conversationId): the whole new text. */
export const customerNoteUpdatedEvent = z.object({
  ...base,
  type: z.literal('customer.noteUpdated'),
  payload: z.object({
    friendId: z.string(),
    text: z.string(),
    /** The edit was made without seeing the newest text, which was kept above it. */
    merged: z.boolean(),
    agentName: z.string(),
    mutationId: z.string(),
    clientTime: z.number().int().nonnegative().nullable(),
  }),
});

export const settingsUpdatedEvent = z.object({
  ...base,
  type: z.literal('settings.updated'),
  payload: z.object({ version: z.number().int().positive(), settings: inboxSettingsSchema, updatedBy: z.string() }),
});
