import { z } from 'zod';
import { relayEventSchema, type RelayEvent } from '../../../shared/protocol/events';
import type { LocalDatabase } from '../store/database';
import {
  bumpLastMessage,
  ensureConversation,
  noteMetaCustomerMessage,
  setMetaWindow,
  setReplyWindowOpenedAt,
  setWebchatVisitorOnline,
  upsertConversation,
  conversationExists,
} from '../store/conversations';
import { enqueueMarkRead } from '../outbox/enqueue-mark-read';
import {
  getCursor,
  getCursorFingerprint,
  getOpenConversationId,
  setCursor,
  setCursorFingerprint,
  setLastSyncedAt,
  setQuota,
} from '../store/meta';
import {
  findMessageByMutationId,
  findMessageByServerId,
  insertMessageIfNew,
  updateMessageText,
  setMessageCreatedAt,
  updateOutgoingDelivery,
} from '../store/messages';
import { deleteOutboxItem } from '../store/outbox';
import { storeRulesIfNewer } from '../store/rules';
import type { CoreLog } from '../log';
import { applyTagEvent } from '../tags/apply-tag-events';
import { applyFeedbackEvent, applyReviewedEvent } from '../suggestions/learned-examples';
import { addScopesIfOrderMessage, applyOrderEvent, applyOrderMessage } from '../orders/apply-order-events';
import { applyWorkflowEvent } from '../workflow/apply-workflow-events';
import { customerMessageNeedsReply } from '../../../shared/workflow/customer-message';
import { applyChannelEvent, applyContentEvent } from './apply-content-events';
import { contentJsonOf, outgoingKindOf, setOutgoingContent } from '../store/message-content';
import { noteMemberSeen } from '../store/chat-members';

/**
 * Applying `events` frames to the local store (docs/protocol.md, client rules 1–4).
 * The frame is checked loosely first so one event type from a newer relay does not make the whole
 * frame unreadable; known types are then validated strictly.
 */
const looseFrameSchema = z.object({
  events: z.array(z.unknown()),
  cursor: z.number().int().nonnegative(),
  more: z.boolean().optional(),
  headSeq: z.number().int().nonnegative().optional(),
});
const eventHeaderSchema = z.looseObject({ seq: z.number().int().positive(), type: z.string() });
const KNOWN_TYPES: ReadonlySet<string> = new Set(relayEventSchema.options.map((option) => option.shape.type.value));

type ParsedEvent = { seq: number; known: RelayEvent | null; type: string; fingerprint: string };

/** Identifies an event well enough to tell whether the relay's event at a seq is the one we applied. */
export function eventFingerprint(event: { type: string; occurredAt?: unknown; conversationId?: unknown }): string {
  return `${event.type}|${String(event.occurredAt ?? '')}|${String(event.conversationId ?? '')}`;
}

export type ApplyOutcome =
  | { kind: 'invalid'; error: string }
  /** The relay's event at our cursor is not the one we applied (its log was restored or replaced). */
  | { kind: 'diverged'; cursor: number }
  | { kind: 'failed'; error: string; cause: unknown }
  /** Events are missing between the cursor and this frame: ask the relay for them with `pull`. */
  | { kind: 'gap'; cursor: number }
  | { kind: 'applied'; cursor: number; applied: number; scopes: string[]; more: boolean; headSeq: number | null };

export interface ApplyContext {
  now: () => number;
  log: CoreLog;
}

function parseFrame(raw: unknown): { events: ParsedEvent[]; more: boolean; headSeq: number | null } | { error: string } {
  const frame = looseFrameSchema.safeParse(raw);
  if (!frame.success) return { error: `Unreadable events frame: ${z.prettifyError(frame.error)}` };
  const events: ParsedEvent[] = [];
  for (const [index, rawEvent] of frame.data.events.entries()) {
    const header = eventHeaderSchema.safeParse(rawEvent);
    if (!header.success) return { error: `Event ${index} has no seq/type: ${z.prettifyError(header.error)}` };
    if (!KNOWN_TYPES.has(header.data.type)) {
      events.push({ seq: header.data.seq, type: header.data.type, known: null, fingerprint: eventFingerprint(header.data) });
      continue;
    }
    const event = relayEventSchema.safeParse(rawEvent);
    if (!event.success) {
      return { error: `Event seq ${header.data.seq} (${header.data.type}) is malformed: ${z.prettifyError(event.error)}` };
    }
    events.push({ seq: event.data.seq, type: event.data.type, known: event.data, fingerprint: eventFingerprint(event.data) });
  }
  events.sort((a, b) => a.seq - b.seq);
  return { events, more: frame.data.more ?? false, headSeq: frame.data.headSeq ?? null };
}

/** Validates the frame, then applies its new events and the new cursor in ONE transaction. */
export function applyEventsFrame(db: LocalDatabase, raw: unknown, context: ApplyContext): ApplyOutcome {
  const parsed = parseFrame(raw);
  if ('error' in parsed) return { kind: 'invalid', error: parsed.error };
  const cursor = getCursor(db);
  // Redelivered events are dropped, but the one AT the cursor is checked against what we applied there.
  const atCursor = parsed.events.find((event) => event.seq === cursor);
  const applied = atCursor ? getCursorFingerprint(db) : null;
  if (atCursor && applied !== null && applied !== atCursor.fingerprint) return { kind: 'diverged', cursor };
  const fresh = parsed.events.filter((event) => event.seq > cursor);
  const first = fresh[0];
  if (first && first.seq > cursor + 1) return { kind: 'gap', cursor };

  const scopes = new Set<string>();
  const applyAll = db.transaction(() => {
    // Read once per page: the open conversation cannot change while this transaction runs.
    const openConversationId = getOpenConversationId(db);
    for (const event of fresh) {
      if (event.known) applyEvent(db, event.known, scopes, openConversationId);
      else context.log.warn(`Skipping event seq ${event.seq} of unknown type "${event.type}" (a newer relay?)`);
    }
    const last = fresh[fresh.length - 1];
    if (last) {
      setCursor(db, last.seq);
      setCursorFingerprint(db, last.fingerprint);
      setLastSyncedAt(db, context.now());
    }
  });
  try {
    applyAll();
  } catch (error) {
    return { kind: 'failed', error: `Could not apply events after seq ${cursor}: ${errorMessage(error)}`, cause: error };
  }
  if (fresh.length > 0) scopes.add('inbox');
  return {
    kind: 'applied',
    cursor: getCursor(db),
    applied: fresh.length,
    scopes: [...scopes],
    more: parsed.more,
    headSeq: parsed.headSeq,
  };
}

function applyEvent(db: LocalDatabase, event: RelayEvent, scopes: Set<string>, openConversationId: string | null): void {
  switch (event.type) {
    case 'conversation.upserted': {
      upsertConversation(
        db,
        {
          id: event.conversationId,
          channel: event.payload.channel,
          friendId: event.payload.friendId,
          displayName: event.payload.displayName,
          pictureUrl: event.payload.pictureUrl,
        },
        event.occurredAt,
      );
      break;
    }
    case 'message.received': {
      const { payload } = event;
      ensureConversation(db, event.conversationId, payload.friendId, event.occurredAt);
      const inserted = insertMessageIfNew(db, {
        id: payload.messageId,
        serverId: payload.messageId,
        conversationId: event.conversationId,
        direction: 'in',
        kind: payload.kind,
        text: payload.text,
        createdAt: event.occurredAt,
        author: null,
        delivery: null,
        deliveryReason: null,
        mutationId: null,
        needsReply: customerMessageNeedsReply(payload.kind, payload.text),
        contentJson: contentJsonOf(payload),
      });
      if (inserted) {
        const isOpen = openConversationId === event.conversationId;
        if (payload.senderId) noteMemberSeen(db, event.conversationId, payload.senderId, event.occurredAt);
        bumpLastMessage(db, event.conversationId, { at: event.occurredAt, preview: payload.text, direction: 'in' }, isOpen ? 0 : 1);
        // Not counted as unread because the agent has it open: tell LINE it was read as well.
        if (isOpen) enqueueMarkRead(db, event.conversationId, event.occurredAt);
      }
      if (payload.replyTokenReceivedAt !== null) {
        setReplyWindowOpenedAt(db, event.conversationId, payload.replyTokenReceivedAt);
      }
      noteMetaCustomerMessage(db, event.conversationId, event.occurredAt);
      break;
    }
    case 'message.sent': {
      const { payload } = event;
      const local = findMessageByMutationId(db, payload.mutationId);
      if (local) {
        updateOutgoingDelivery(db, local.id, { serverId: payload.messageId, delivery: payload.delivery, reason: payload.reason });
        if (payload.content) setOutgoingContent(db, local.id, payload.content);
        // The relay's time replaces the estimate made when it was written (maybe offline, long before), so
        // this device orders the reply — and picks the conversation's last message — like every other one.
        if (local.created_at !== event.occurredAt) {
          setMessageCreatedAt(db, local.id, event.occurredAt);
          bumpLastMessage(db, event.conversationId, { at: event.occurredAt, preview: payload.text, direction: 'out' }, 0);
        }
        // The relay has it: whatever the ack's fate, this reply must not stay pending here.
        deleteOutboxItem(db, payload.mutationId);
      } else {
        ensureConversation(db, event.conversationId, event.conversationId, event.occurredAt);
        const inserted = insertMessageIfNew(db, {
          id: payload.messageId,
          serverId: payload.messageId,
          conversationId: event.conversationId,
          direction: 'out',
          kind: outgoingKindOf(payload.content),
          text: payload.text,
          createdAt: event.occurredAt,
          author: payload.agentName,
          contentJson: payload.content ? contentJsonOf(payload.content) : null,
          delivery: payload.delivery,
          deliveryReason: payload.reason,
          mutationId: payload.mutationId,
          auto: payload.auto === true,
        });
        if (inserted) {
          bumpLastMessage(db, event.conversationId, { at: event.occurredAt, preview: payload.text, direction: 'out' }, 0);
        }
      }
      applyOrderMessage(db, event, scopes);
      break;
    }
    case 'delivery.updated': {
      const { payload } = event;
      const local = findMessageByMutationId(db, payload.mutationId) ?? findMessageByServerId(db, payload.messageId);
      if (local) {
        updateOutgoingDelivery(db, local.id, { serverId: payload.messageId, delivery: payload.delivery, reason: payload.reason });
        addScopesIfOrderMessage(db, payload.messageId, event.conversationId, scopes);
      }
      break;
    }
    case 'conversation.replyWindow': {
      // Each channel's part is applied when present (LINE's token is null on the other channels).
      const { tokenReceivedAt, meta, webchat } = event.payload;
      setReplyWindowOpenedAt(db, event.conversationId, tokenReceivedAt);
      if (meta) setMetaWindow(db, event.conversationId, meta);
      if (webchat) setWebchatVisitorOnline(db, event.conversationId, webchat.visitorOnline);
      break;
    }
    case 'tag.added':
    case 'tag.removed':
    case 'tag.renamed':
    case 'tag.merged':
    case 'tag.deleted':
      applyTagEvent(db, event, scopes);
      return;
    case 'channel.event':
      // A tap, follow, block, unsent message, reaction, read receipt or unknown event: a line of its own.
      if (!applyChannelEvent(db, event, openConversationId)) return;
      break;
    case 'message.mediaReady':
    case 'message.mediaUnavailable':
    case 'conversation.memberUpserted':
      applyContentEvent(db, event);
      break;
    case 'message.edited': {
      const { payload } = event;
      const local = findMessageByMutationId(db, payload.mutationId) ?? findMessageByServerId(db, payload.messageId);
      if (local) updateMessageText(db, local.id, payload.text);
      break;
    }
    case 'quota.updated': {
      setQuota(db, event.payload);
      scopes.add('quota');
      return;
    }
    case 'rules.updated': {
      const { version, rules, updatedBy } = event.payload;
      if (storeRulesIfNewer(db, { version, rules, updatedBy, updatedAt: event.occurredAt })) scopes.add('rules');
      return;
    }
    case 'suggestion.feedback':
      applyFeedbackEvent(db, event);
      scopes.add('learned');
      return;
    case 'suggestion.reviewed':
      applyReviewedEvent(db, event);
      scopes.add('learned');
      return;
    case 'catalog.updated':
    case 'order.created':
    case 'order.statusChanged':
    case 'order.reminderQueued':
      applyOrderEvent(db, event, scopes);
      return;
    case 'conversation.statusChanged':
    case 'conversation.assigned':
    case 'note.added':
    case 'customer.noteUpdated':
    case 'settings.updated':
      applyWorkflowEvent(db, event, scopes);
      return;
  }
  scopes.add(`conversation:${event.conversationId}`);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
