import type Database from 'better-sqlite3';
import type { Mutation, NewRelayEvent, RelayEvent, TagMutationAck } from '../../shared/protocol';
import { checkTagCap, findLookalikeTag, lookalikeMessage, tagKey } from '../../shared/tags';
import type { SegmentMember, SegmentQuery, TagMutationInput } from './relay-store';
import { appendEventsSync } from './sqlite-event-log';
import { latestMembershipSync, personKindSync } from './sqlite-conversation-members';

export type TagMutation = Extract<Mutation, { type: `tag.${string}` }>;
export type Outcome = { answer: TagMutationAck; events: NewRelayEvent[] };
export interface Author {
  mutationId: string;
  agentName: string;
  clientTime: number;
  now: number;
}

export interface MembershipRow {
  friend_id: string;
  tag_key: string;
  add_id: string;
}

function tagName(db: Database.Database, key: string): string | null {
  const row = db.prepare('SELECT name FROM tags WHERE key = ?').get(key) as { name: string } | undefined;
  return row?.name ?? null;
}

function friendTagKeys(db: Database.Database, friendId: string): string[] {
  const rows = db.prepare('SELECT tag_key FROM friend_tags WHERE friend_id = ?').all(friendId) as { tag_key: string }[];
  return rows.map((row) => row.tag_key);
}

function memberCount(db: Database.Database, key: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM friend_tags WHERE tag_key = ?').get(key) as { n: number }).n;
}

export function authored(author: Author) {
  return { mutationId: author.mutationId, agentName: author.agentName, clientTime: author.clientTime };
}

export function unknownTag(name: string): Outcome {
  return { answer: { ok: false, code: 'UNKNOWN_TAG', message: `The shop has no tag "${name}"` }, events: [] };
}

/** A new name that imitates another existing tag (see tag-lookalike.ts); `except` is the tag being renamed. */
function lookalikeRefusal(db: Database.Database, name: string, except?: string): Outcome | null {
  const existing = (db.prepare('SELECT key, name FROM tags').all() as { key: string; name: string }[]).filter((tag) => tag.key !== except);
  const imitated = findLookalikeTag({ key: tagKey(name), name }, existing);
  if (!imitated) return null;
  return { answer: { ok: false, code: 'TAG_LOOKALIKE', message: lookalikeMessage(name, imitated.name) }, events: [] };
}

/** An older app tagging a whole group: said plainly (an unknown code would read as a broken answer there). */
export const TAGS_BELONG_TO_PEOPLE: Outcome = {
  answer: {
    ok: false,
    code: 'INVALID_MUTATION',
    message: 'Tags belong to people: tag the member of this LINE group or room who wrote (update the app if it offers to tag the group)',
  },
  events: [],
};

function addTag(db: Database.Database, payload: { friendId: string; tag: string }, author: Author): Outcome {
  const person = personKindSync(db, payload.friendId);
  if (person === 'unknown') {
    return { answer: { ok: false, code: 'UNKNOWN_FRIEND', message: `No friend ${payload.friendId} on this relay` }, events: [] };
  }
  if (person === 'chat') return TAGS_BELONG_TO_PEOPLE;
  const key = tagKey(payload.tag);
  const shopName = tagName(db, key);
  if (shopName === null) {
    const refusal = lookalikeRefusal(db, payload.tag);
    if (refusal) return refusal;
  }
  // The payload was normalised when parsed: this exact string is stored, answered and sent in events.
  const name = shopName ?? payload.tag;
  // Accepted by arrival order: whatever reached this transaction first already counts.
  const decision = checkTagCap(friendTagKeys(db, payload.friendId), key, name);
  if (!decision.allowed) return { answer: { ok: false, code: 'TAG_LIMIT', message: decision.message }, events: [] };
  db.prepare('INSERT OR IGNORE INTO tags (key, name, created_at, created_by) VALUES (?, ?, ?, ?)').run(key, name, author.now, author.agentName);
  // Re-adding a present tag refreshes its add-id: a concurrent remove that never saw this add must not undo it.
  db.prepare(
    `INSERT INTO friend_tags (friend_id, tag_key, add_id, added_by, added_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (friend_id, tag_key) DO UPDATE SET add_id = excluded.add_id`,
  ).run(payload.friendId, key, author.mutationId, author.agentName, author.clientTime);
  return {
    answer: { ok: true, tag: name, changed: !decision.alreadyPresent },
    events: [{ type: 'tag.added', occurredAt: author.now, payload: { friendId: payload.friendId, tag: name, ...authored(author) } }],
  };
}

function removeTag(
  db: Database.Database,
  payload: { friendId: string; tag: string; observedAddIds?: string[] | undefined },
  author: Author,
): Outcome {
  const key = tagKey(payload.tag);
  const name = tagName(db, key) ?? payload.tag;
  const row = db.prepare('SELECT * FROM friend_tags WHERE friend_id = ? AND tag_key = ?').get(payload.friendId, key) as
    | MembershipRow
    | undefined;
  const unchanged: Outcome = { answer: { ok: true, tag: name, changed: false }, events: [] };
  if (!row) return unchanged;
  // Add wins: an add this agent had not seen when removing (someone else's, made concurrently) stays.
  if (payload.observedAddIds && !payload.observedAddIds.includes(row.add_id)) return unchanged;
  db.prepare('DELETE FROM friend_tags WHERE friend_id = ? AND tag_key = ?').run(payload.friendId, key);
  return {
    answer: { ok: true, tag: name, changed: true },
    events: [{ type: 'tag.removed', occurredAt: author.now, payload: { friendId: payload.friendId, tag: name, ...authored(author) } }],
  };
}

function renameTag(db: Database.Database, payload: { from: string; to: string }, author: Author): Outcome {
  const fromKey = tagKey(payload.from);
  const toKey = tagKey(payload.to);
  const fromName = tagName(db, fromKey);
  if (fromName === null) return unknownTag(payload.from);
  if (toKey !== fromKey && tagName(db, toKey) !== null) {
    const message = `A tag "${tagName(db, toKey)}" already exists; merge "${fromName}" into it instead of renaming`;
    return { answer: { ok: false, code: 'TAG_EXISTS', message }, events: [] };
  }
  const refusal = lookalikeRefusal(db, payload.to, fromKey);
  if (refusal) return refusal;
  const affected = memberCount(db, fromKey);
  // New key row first, then move members, then drop the old row: the foreign key holds at every step.
  db.prepare('INSERT OR REPLACE INTO tags (key, name, created_at, created_by) SELECT ?, ?, created_at, created_by FROM tags WHERE key = ?').run(
    toKey,
    payload.to,
    fromKey,
  );
  if (toKey !== fromKey) {
    db.prepare('UPDATE friend_tags SET tag_key = ? WHERE tag_key = ?').run(toKey, fromKey);
    db.prepare('DELETE FROM tags WHERE key = ?').run(fromKey);
  }
  return {
    answer: { ok: true, tag: payload.to, changed: payload.to !== fromName, affected },
    events: [{ type: 'tag.renamed', occurredAt: author.now, payload: { from: fromName, to: payload.to, ...authored(author) } }],
  };
}

/**
 * Folds `source` into `target` on every friend at once. A friend with only `source` gets `target` in
 * its place; a friend with both just loses `source`. Merging therefore never raises anyone's count,
 * so the cap still holds for every friend afterwards without refusing any part of the merge.
 */
function mergeTags(db: Database.Database, payload: { source: string; target: string }, author: Author): Outcome {
  const sourceKey = tagKey(payload.source);
  const targetKey = tagKey(payload.target);
  const sourceName = tagName(db, sourceKey);
  const targetName = tagName(db, targetKey);
  if (sourceName === null) return unknownTag(payload.source);
  if (targetName === null) return unknownTag(payload.target);
  if (sourceKey === targetKey) {
    return { answer: { ok: false, code: 'INVALID_MUTATION', message: `Cannot merge "${sourceName}" into itself` }, events: [] };
  }
  const affected = memberCount(db, sourceKey);
  db.prepare(
    `DELETE FROM friend_tags WHERE tag_key = ? AND friend_id IN (SELECT friend_id FROM friend_tags WHERE tag_key = ?)`,
  ).run(sourceKey, targetKey);
  db.prepare('UPDATE friend_tags SET tag_key = ? WHERE tag_key = ?').run(targetKey, sourceKey);
  db.prepare('DELETE FROM tags WHERE key = ?').run(sourceKey);
  return {
    answer: { ok: true, tag: targetName, changed: true, affected },
    events: [
      { type: 'tag.merged', occurredAt: author.now, payload: { source: sourceName, target: targetName, affected, ...authored(author) } },
    ],
  };
}

function deleteTag(db: Database.Database, payload: { tag: string }, author: Author): Outcome {
  const key = tagKey(payload.tag);
  const name = tagName(db, key);
  if (name === null) return unknownTag(payload.tag);
  const affected = memberCount(db, key);
  db.prepare('DELETE FROM friend_tags WHERE tag_key = ?').run(key);
  db.prepare('DELETE FROM tags WHERE key = ?').run(key);
  return {
    answer: { ok: true, tag: name, changed: true, affected },
    events: [{ type: 'tag.deleted', occurredAt: author.now, payload: { tag: name, affected, ...authored(author) } }],
  };
}

function applyOne(db: Database.Database, mutation: TagMutation, author: Author): Outcome {
  switch (mutation.type) {
    case 'tag.add':
      return addTag(db, mutation.payload, author);
    case 'tag.remove':
      return removeTag(db, mutation.payload, author);
    case 'tag.rename':
      return renameTag(db, mutation.payload, author);
    case 'tag.merge':
      return mergeTags(db, mutation.payload, author);
    case 'tag.delete':
      return deleteTag(db, mutation.payload, author);
  }
}

/**
 * One tag mutation in the caller's transaction: a repeated id returns its stored answer; otherwise the
 * effect, its events and the answer are written together, so a crash never half-applies a change.
 */
export function applyTagMutationSync(db: Database.Database, input: TagMutationInput): { answer: TagMutationAck; appended: RelayEvent[] } {
  const stored = db.prepare('SELECT answer_json FROM mutations WHERE id = ?').get(input.mutation.id) as
    | { answer_json: string | null }
    | undefined;
  if (stored?.answer_json) return { answer: JSON.parse(stored.answer_json) as TagMutationAck, appended: [] };
  const author: Author = {
    mutationId: input.mutation.id,
    agentName: input.agentName,
    // Clients may leave clientTime out (tag.add {friendId, tag}): the relay's receive time stands in.
    clientTime: input.mutation.payload.clientTime ?? input.now,
    now: input.now,
  };
  const outcome = applyOne(db, input.mutation as TagMutation, author);
  db.prepare(
    `INSERT INTO mutations (id, type, agent_name, state, answer_json, created_at, updated_at) VALUES (?, ?, ?, 'done', ?, ?, ?)`,
  ).run(input.mutation.id, input.mutation.type, input.agentName, JSON.stringify(outcome.answer), input.now, input.now);
  return { answer: outcome.answer, appended: appendEventsSync(db, outcome.events) };
}

/**
 * People carrying all (`and`) or any (`or`) of the tags, with their tags and latest conversation: their own, or —
 * for a member of a LINE group who never wrote one-to-one — the group they were last seen in. A group or room an
 * older app tagged as a whole is not a person and is left out.
 */
export function segmentMembersSync(db: Database.Database, query: SegmentQuery): SegmentMember[] | { unknownTags: string[] } {
  const keys = [...new Set(query.tags.map(tagKey))];
  const unknownTags = query.tags.filter((name) => tagName(db, tagKey(name)) === null);
  if (unknownTags.length > 0) return { unknownTags };
  const placeholders = keys.map(() => '?').join(', ');
  const having = query.mode === 'and' ? `HAVING COUNT(DISTINCT tag_key) = ${keys.length}` : '';
  const friendIds = (
    db.prepare(`SELECT friend_id FROM friend_tags WHERE tag_key IN (${placeholders}) GROUP BY friend_id ${having} ORDER BY friend_id`).all(
      ...keys,
    ) as { friend_id: string }[]
  ).map((row) => row.friend_id);
  const conversation = db.prepare(
    `SELECT c.id, c.display_name,
            (SELECT MAX(e.occurred_at) FROM events e WHERE e.conversation_id = c.id AND e.type IN ('message.received', 'message.sent')) AS last_at
     FROM conversations c WHERE c.friend_id = ? ORDER BY c.updated_at DESC LIMIT 1`,
  );
  const tagsOf = db.prepare('SELECT t.name FROM friend_tags f JOIN tags t ON t.key = f.tag_key WHERE f.friend_id = ? ORDER BY t.name');
  const tags = (friendId: string) => (tagsOf.all(friendId) as { name: string }[]).map((tag) => tag.name);
  return friendIds.flatMap((friendId): SegmentMember[] => {
    const kind = personKindSync(db, friendId);
    if (kind === 'chat') return [];
    const row = conversation.get(friendId) as { id: string; display_name: string; last_at: number | null } | undefined;
    const membership = row ? null : latestMembershipSync(db, friendId);
    if (membership) {
      const displayName = membership.displayName ?? friendId;
      return [{ friendId, conversationId: membership.conversationId, displayName, lastMessageAt: membership.lastSeenAt, tags: tags(friendId), groupName: membership.groupName }];
    }
    return [{ friendId, conversationId: row?.id ?? null, displayName: row?.display_name ?? friendId, lastMessageAt: row?.last_at ?? null, tags: tags(friendId), groupName: null }];
  });
}

/** A friend's tags (the shop's spelling), for tests and tools. */
export function friendTagNamesSync(db: Database.Database, friendId: string): string[] {
  const rows = db.prepare('SELECT t.name FROM friend_tags f JOIN tags t ON t.key = f.tag_key WHERE f.friend_id = ? ORDER BY t.key').all(friendId) as {
    name: string;
  }[];
  return rows.map((row) => row.name);
}
