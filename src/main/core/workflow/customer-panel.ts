import type { CustomerPanel } from '../../../shared/ipc/workflow-views';
import type { LocalDatabase } from '../store/database';
import { getServerTimeOffset } from '../store/meta';
import { statement } from '../store/statements';
import { ACTIVITY_KIND, NOTE_KIND } from '../../../shared/ipc/workflow-views';
import { CHANNEL_EVENT_KIND } from '../../../shared/ipc/views';
import { EFFECTIVE_STATUS_SQL } from './workflow-store';
import type { WorkflowRow } from './workflow-queries';

/**
 * What the customer panel shows beside a thread, from the local store: who they are, first and last contact over
 * all their conversations, the team's notes about them (with this agent's unsent edit), and their other
 * conversations — the same customer id on another account, or the same display name on another channel (marked:
 * platforms give no shared id, so that may be someone else). Tags and orders come from their own channels.
 */
export function customerPanel(db: LocalDatabase, conversationId: string): CustomerPanel | null {
  const conversation = statement(db, 'SELECT * FROM conversations WHERE id = ?').get(conversationId) as WorkflowRow | undefined;
  if (!conversation) return null;
  const offset = getServerTimeOffset(db);
  const toAgent = (at: number | null) => (at === null ? null : at - offset);
  const contact = statement(
    db,
    `SELECT MIN(created_at) AS first, MAX(created_at) AS last FROM messages
     WHERE conversation_id IN (SELECT id FROM conversations WHERE friend_id = ?) AND kind NOT IN (?, ?, ?)`,
  ).get(conversation.friend_id, CHANNEL_EVENT_KIND, NOTE_KIND, ACTIVITY_KIND) as { first: number | null; last: number | null };
  const note = statement(db, 'SELECT text, updated_by, updated_at, pending_mutation_id, pending_text FROM customer_notes WHERE friend_id = ?').get(
    conversation.friend_id,
  ) as { text: string; updated_by: string | null; updated_at: number | null; pending_mutation_id: string | null; pending_text: string | null } | undefined;
  const others = statement(
    db,
    `SELECT id, channel, display_name, last_message_at, ${EFFECTIVE_STATUS_SQL} AS status, friend_id <> @friendId AS same_name_only
     FROM conversations
     WHERE id <> @id AND (friend_id = @friendId OR (display_name = @name AND channel <> @channel))
     ORDER BY last_message_at DESC LIMIT 20`,
  ).all({ id: conversation.id, friendId: conversation.friend_id, name: conversation.display_name, channel: conversation.channel }) as {
    id: string;
    channel: string;
    display_name: string;
    last_message_at: number;
    status: 'open' | 'pending' | 'done' | 'snoozed';
    same_name_only: number;
  }[];
  return {
    conversationId: conversation.id,
    friendId: conversation.friend_id,
    displayName: conversation.display_name,
    pictureUrl: conversation.picture_url,
    channel: conversation.channel,
    firstContactAt: toAgent(contact.first),
    lastContactAt: toAgent(contact.last),
    note: {
      text: note?.pending_mutation_id ? (note.pending_text ?? '') : (note?.text ?? ''),
      updatedBy: note?.updated_by ?? null,
      updatedAt: toAgent(note?.updated_at ?? null),
      pending: (note?.pending_mutation_id ?? null) !== null,
    },
    otherConversations: others.map((row) => ({
      id: row.id,
      channel: row.channel,
      displayName: row.display_name,
      lastMessageAt: row.last_message_at,
      status: row.status,
      sameNameOnly: row.same_name_only === 1,
    })),
  };
}
