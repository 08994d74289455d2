import { customerMessageNeedsReply } from '../../../shared/workflow/customer-message';
import type { LocalDatabase } from '../store/database';

/** Set once the store's older customer messages were classified: later starts skip the work. */
const DONE_KEY = 'needsReplyClassified';

/**
 * Customer messages stored before the team inbox (schema 8) have no `needs_reply`. Only those after each
 * conversation's last reply that went out can make it wait, so only they are classified — once, at the first
 * start after the upgrade, one conversation at a time (an index range each); the triggers then set each
 * conversation's waiting time. Messages stored since are classified as they arrive. Returns how many were classified.
 */
export function classifyOlderCustomerMessages(db: LocalDatabase): number {
  if (db.prepare('SELECT 1 FROM meta WHERE key = ?').get(DONE_KEY) !== undefined) return 0;
  const conversations = db.prepare('SELECT id FROM conversations').all() as { id: string }[];
  const lastAnswer = db.prepare(
    `SELECT MAX(created_at) AS at FROM messages WHERE conversation_id = ? AND direction = 'out' AND delivery IN ('sent_free', 'sent_push')`,
  );
  const unclassified = db.prepare(
    `SELECT rowid, kind, text FROM messages
     WHERE conversation_id = ? AND direction = 'in' AND needs_reply IS NULL AND kind NOT IN ('event', 'activity') AND created_at > ?`,
  );
  const mark = db.prepare('UPDATE messages SET needs_reply = ? WHERE rowid = ?');
  let total = 0;
  for (const { id } of conversations) {
    const after = (lastAnswer.get(id) as { at: number | null }).at ?? -1;
    const rows = unclassified.all(id, after) as { rowid: number; kind: string; text: string }[];
    if (rows.length === 0) continue;
    db.transaction(() => {
      for (const row of rows) mark.run(customerMessageNeedsReply(row.kind, row.text) ? 1 : 0, row.rowid);
    })();
    total += rows.length;
  }
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(DONE_KEY, '1');
  return total;
}
