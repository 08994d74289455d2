import type { ConversationStatus } from '../../../shared/workflow/conversation-status';
import { DEFAULT_INBOX_SETTINGS, inboxSettingsSchema, type InboxSettings } from '../../../shared/workflow/inbox-settings';
import { ACTIVITY_KIND, type ActivityLine } from '../../../shared/ipc/workflow-views';
import type { LocalDatabase } from '../store/database';
import { insertMessageIfNew } from '../store/messages';
import { statement } from '../store/statements';

/**
 * The team inbox in the local store: the relay's status and assignee of each conversation with this app's queued
 * change laid over them (pending_*), workflow lines in threads, the inbox settings and the team.
 */

/** SQL for what the agent sees (the queued change, else the relay's), on `conversations` without an alias. */
export const EFFECTIVE_STATUS_SQL = `(CASE WHEN pending_status_id IS NOT NULL THEN pending_status ELSE status END)`;
export const EFFECTIVE_SNOOZED_UNTIL_SQL = `(CASE WHEN pending_status_id IS NOT NULL THEN pending_snoozed_until ELSE snoozed_until END)`;
export const EFFECTIVE_ASSIGNEE_SQL = `(CASE WHEN pending_assign_id IS NOT NULL THEN pending_assignee ELSE assignee END)`;
/** Snoozed and not yet due (`@relayNow` on the relay clock): out of the working views. */
export const SNOOZED_NOW_SQL = `(${EFFECTIVE_STATUS_SQL} = 'snoozed' AND COALESCE(${EFFECTIVE_SNOOZED_UNTIL_SQL}, 0) > @relayNow)`;

export function setPendingStatus(db: LocalDatabase, conversationId: string, mutationId: string, status: ConversationStatus, snoozedUntil: number | null): void {
  statement(db, 'UPDATE conversations SET pending_status_id = ?, pending_status = ?, pending_snoozed_until = ? WHERE id = ?').run(
    mutationId,
    status,
    snoozedUntil,
    conversationId,
  );
}

export function setPendingAssignee(db: LocalDatabase, conversationId: string, mutationId: string, assignee: string | null): void {
  statement(db, 'UPDATE conversations SET pending_assign_id = ?, pending_assignee = ? WHERE id = ?').run(mutationId, assignee, conversationId);
}

/** The queued change `mutationId` is settled (applied, refused or superseded): the relay's value shows again. */
export function clearPending(db: LocalDatabase, conversationId: string, mutationId: string): void {
  statement(
    db,
    `UPDATE conversations SET
       pending_status = CASE WHEN pending_status_id = @id THEN NULL ELSE pending_status END,
       pending_snoozed_until = CASE WHEN pending_status_id = @id THEN NULL ELSE pending_snoozed_until END,
       pending_status_id = CASE WHEN pending_status_id = @id THEN NULL ELSE pending_status_id END,
       pending_assignee = CASE WHEN pending_assign_id = @id THEN NULL ELSE pending_assignee END,
       pending_assign_id = CASE WHEN pending_assign_id = @id THEN NULL ELSE pending_assign_id END
     WHERE id = @conversationId`,
  ).run({ id: mutationId, conversationId });
}

/** A workflow line in the thread (kind activity, never sent); `id` makes it once-only. */
export function insertActivityLine(
  db: LocalDatabase,
  line: { id: string; conversationId: string; createdAt: number; author: string | null; activity: ActivityLine },
): void {
  insertMessageIfNew(db, {
    id: line.id,
    serverId: line.id,
    conversationId: line.conversationId,
    direction: 'in',
    kind: ACTIVITY_KIND,
    text: JSON.stringify(line.activity),
    createdAt: line.createdAt,
    author: line.author,
    delivery: null,
    deliveryReason: null,
    mutationId: null,
  });
}

export function inboxSettingsOf(db: LocalDatabase): { version: number; settings: InboxSettings } {
  const row = statement(db, 'SELECT version, settings_json FROM inbox_settings WHERE id = 1').get() as { version: number; settings_json: string } | undefined;
  if (!row) return { version: 0, settings: DEFAULT_INBOX_SETTINGS };
  const parsed = inboxSettingsSchema.safeParse({ ...DEFAULT_INBOX_SETTINGS, ...(JSON.parse(row.settings_json) as object) });
  return { version: row.version, settings: parsed.success ? parsed.data : DEFAULT_INBOX_SETTINGS };
}

/** Keeps only the newest version (events arrive in order, but a resync replays old ones). */
export function storeInboxSettings(db: LocalDatabase, version: number, settings: InboxSettings): boolean {
  return (
    statement(
      db,
      `INSERT INTO inbox_settings (id, version, settings_json) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version, settings_json = excluded.settings_json WHERE excluded.version > inbox_settings.version`,
    ).run(version, JSON.stringify(settings)).changes > 0
  );
}

export interface TeamMemberRow {
  name: string;
  role: 'agent' | 'lead';
  online: boolean;
}

export function teamMembersOf(db: LocalDatabase): TeamMemberRow[] {
  return (statement(db, 'SELECT name, role, online FROM team_members ORDER BY name').all() as { name: string; role: 'agent' | 'lead'; online: number }[]).map(
    (row) => ({ name: row.name, role: row.role, online: row.online === 1 }),
  );
}

export function replaceTeamMembers(db: LocalDatabase, members: readonly TeamMemberRow[]): void {
  db.transaction(() => {
    statement(db, 'DELETE FROM team_members').run();
    const insert = statement(db, 'INSERT INTO team_members (name, role, online) VALUES (?, ?, ?)');
    for (const member of members) insert.run(member.name, member.role, member.online ? 1 : 0);
  })();
}

/** An internal note the relay has (its delivery is only ever a local "not yet synced" marker). */
export function confirmNote(db: LocalDatabase, id: string): void {
  statement(db, 'UPDATE messages SET delivery = NULL, delivery_reason = NULL, server_id = id WHERE id = ?').run(id);
}

export function refuseNote(db: LocalDatabase, id: string, message: string): void {
  statement(db, `UPDATE messages SET delivery = 'failed', delivery_reason = ? WHERE id = ?`).run(message, id);
}
