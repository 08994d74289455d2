import type { TagMutationAck } from '../../../shared/protocol';
import { checkTagCap, findLookalikeTag, lookalikeMessage, tagKey } from '../../../shared/tags';
import type { SegmentMember, SegmentQuery, TagMutationInput } from '../relay-store';
import { authored, TAGS_BELONG_TO_PEOPLE, unknownTag, type Author, type MembershipRow, type Outcome, type TagMutation } from '../sqlite-tags';
import { latestMembership, personKind } from './pg-conversation-members';
import { LOCKS, type PgTx } from './pg-transaction';

/**
 * PostgreSQL twin of sqlite-tags.ts. Every tag mutation takes the shop's one tags lock first: the cap (counted
 * from the friend's rows), add-wins (the add id on the row) and renames/merges that touch many friends are then
 * decided from rows no other relay process is changing at the same moment.
 */
async function tagName(tx: PgTx, key: string): Promise<string | null> {
  return (await tx.row<{ name: string }>('SELECT name FROM tags WHERE key = $1', [key]))?.name ?? null;
}

async function memberCount(tx: PgTx, key: string): Promise<number> {
  return (await tx.row<{ n: number }>('SELECT COUNT(*) AS n FROM friend_tags WHERE tag_key = $1', [key]))?.n ?? 0;
}

async function lookalikeRefusal(tx: PgTx, name: string, except?: string): Promise<Outcome | null> {
  const existing = (await tx.rows<{ key: string; name: string }>('SELECT key, name FROM tags')).filter((tag) => tag.key !== except);
  const imitated = findLookalikeTag({ key: tagKey(name), name }, existing);
  if (!imitated) return null;
  return { answer: { ok: false, code: 'TAG_LOOKALIKE', message: lookalikeMessage(name, imitated.name) }, events: [] };
}

async function addTag(tx: PgTx, payload: { friendId: string; tag: string }, author: Author): Promise<Outcome> {
  const person = await personKind(tx, payload.friendId);
  if (person === 'unknown') {
    return { answer: { ok: false, code: 'UNKNOWN_FRIEND', message: `No friend ${payload.friendId} on this relay` }, events: [] };
  }
  if (person === 'chat') return TAGS_BELONG_TO_PEOPLE;
  const key = tagKey(payload.tag);
  const shopName = await tagName(tx, key);
  if (shopName === null) {
    const refusal = await lookalikeRefusal(tx, payload.tag);
    if (refusal) return refusal;
  }
  const name = shopName ?? payload.tag;
  const present = (await tx.rows<{ tag_key: string }>('SELECT tag_key FROM friend_tags WHERE friend_id = $1', [payload.friendId])).map((row) => row.tag_key);
  const decision = checkTagCap(present, key, name);
  if (!decision.allowed) return { answer: { ok: false, code: 'TAG_LIMIT', message: decision.message }, events: [] };
  await tx.run('INSERT INTO tags (key, name, created_at, created_by) VALUES ($1, $2, $3, $4) ON CONFLICT (key) DO NOTHING', [key, name, author.now, author.agentName]);
  await tx.run(
    `INSERT INTO friend_tags (friend_id, tag_key, add_id, added_by, added_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (friend_id, tag_key) DO UPDATE SET add_id = excluded.add_id`,
    [payload.friendId, key, author.mutationId, author.agentName, author.clientTime],
  );
  return {
    answer: { ok: true, tag: name, changed: !decision.alreadyPresent },
    events: [{ type: 'tag.added', occurredAt: author.now, payload: { friendId: payload.friendId, tag: name, ...authored(author) } }],
  };
}

async function removeTag(tx: PgTx, payload: { friendId: string; tag: string; observedAddIds?: string[] | undefined }, author: Author): Promise<Outcome> {
  const key = tagKey(payload.tag);
  const name = (await tagName(tx, key)) ?? payload.tag;
  const row = await tx.row<MembershipRow>('SELECT * FROM friend_tags WHERE friend_id = $1 AND tag_key = $2', [payload.friendId, key]);
  const unchanged: Outcome = { answer: { ok: true, tag: name, changed: false }, events: [] };
  if (!row) return unchanged;
  if (payload.observedAddIds && !payload.observedAddIds.includes(row.add_id)) return unchanged;
  await tx.run('DELETE FROM friend_tags WHERE friend_id = $1 AND tag_key = $2', [payload.friendId, key]);
  return {
    answer: { ok: true, tag: name, changed: true },
    events: [{ type: 'tag.removed', occurredAt: author.now, payload: { friendId: payload.friendId, tag: name, ...authored(author) } }],
  };
}

async function renameTag(tx: PgTx, payload: { from: string; to: string }, author: Author): Promise<Outcome> {
  const fromKey = tagKey(payload.from);
  const toKey = tagKey(payload.to);
  const fromName = await tagName(tx, fromKey);
  if (fromName === null) return unknownTag(payload.from);
  const toName = toKey !== fromKey ? await tagName(tx, toKey) : null;
  if (toName !== null) {
    const message = `A tag "${toName}" already exists; merge "${fromName}" into it instead of renaming`;
    return { answer: { ok: false, code: 'TAG_EXISTS', message }, events: [] };
  }
  const refusal = await lookalikeRefusal(tx, payload.to, fromKey);
  if (refusal) return refusal;
  const affected = await memberCount(tx, fromKey);
  // New key row first, then move members, then drop the old row: the foreign key holds at every step.
  await tx.run(
    `INSERT INTO tags (key, name, created_at, created_by) SELECT $1, $2, created_at, created_by FROM tags WHERE key = $3
     ON CONFLICT (key) DO UPDATE SET name = excluded.name`,
    [toKey, payload.to, fromKey],
  );
  if (toKey !== fromKey) {
    await tx.run('UPDATE friend_tags SET tag_key = $1 WHERE tag_key = $2', [toKey, fromKey]);
    await tx.run('DELETE FROM tags WHERE key = $1', [fromKey]);
  }
  return {
    answer: { ok: true, tag: payload.to, changed: payload.to !== fromName, affected },
    events: [{ type: 'tag.renamed', occurredAt: author.now, payload: { from: fromName, to: payload.to, ...authored(author) } }],
  };
}

async function mergeTags(tx: PgTx, payload: { source: string; target: string }, author: Author): Promise<Outcome> {
  const sourceKey = tagKey(payload.source);
  const targetKey = tagKey(payload.target);
  const sourceName = await tagName(tx, sourceKey);
  const targetName = await tagName(tx, targetKey);
  if (sourceName === null) return unknownTag(payload.source);
  if (targetName === null) return unknownTag(payload.target);
  if (sourceKey === targetKey) {
    return { answer: { ok: false, code: 'INVALID_MUTATION', message: `Cannot merge "${sourceName}" into itself` }, events: [] };
  }
  const affected = await memberCount(tx, sourceKey);
  await tx.run('DELETE FROM friend_tags WHERE tag_key = $1 AND friend_id IN (SELECT friend_id FROM friend_tags WHERE tag_key = $2)', [sourceKey, targetKey]);
  await tx.run('UPDATE friend_tags SET tag_key = $1 WHERE tag_key = $2', [targetKey, sourceKey]);
  await tx.run('DELETE FROM tags WHERE key = $1', [sourceKey]);
  return {
    answer: { ok: true, tag: targetName, changed: true, affected },
    events: [{ type: 'tag.merged', occurredAt: author.now, payload: { source: sourceName, target: targetName, affected, ...authored(author) } }],
  };
}

async function deleteTag(tx: PgTx, payload: { tag: string }, author: Author): Promise<Outcome> {
  const key = tagKey(payload.tag);
  const name = await tagName(tx, key);
  if (name === null) return unknownTag(payload.tag);
  const affected = await memberCount(tx, key);
  await tx.run('DELETE FROM friend_tags WHERE tag_key = $1', [key]);
  await tx.run('DELETE FROM tags WHERE key = $1', [key]);
  return {
    answer: { ok: true, tag: name, changed: true, affected },
    events: [{ type: 'tag.deleted', occurredAt: author.now, payload: { tag: name, affected, ...authored(author) } }],
  };
}

function applyOne(tx: PgTx, mutation: TagMutation, author: Author): Promise<Outcome> {
  switch (mutation.type) {
    case 'tag.add':
      return addTag(tx, mutation.payload, author);
    case 'tag.remove':
      return removeTag(tx, mutation.payload, author);
    case 'tag.rename':
      return renameTag(tx, mutation.payload, author);
    case 'tag.merge':
      return mergeTags(tx, mutation.payload, author);
    case 'tag.delete':
      return deleteTag(tx, mutation.payload, author);
  }
}

/** One tag mutation: a repeated id gets its stored answer; otherwise effect, events and answer commit together. */
export async function applyTagMutation(tx: PgTx, input: TagMutationInput): Promise<TagMutationAck> {
  await tx.lock(LOCKS.mutation(input.mutation.id), LOCKS.tags);
  const stored = await tx.row<{ answer_json: string | null }>('SELECT answer_json FROM mutations WHERE id = $1', [input.mutation.id]);
  if (stored?.answer_json) return JSON.parse(stored.answer_json) as TagMutationAck;
  const author: Author = {
    mutationId: input.mutation.id,
    agentName: input.agentName,
    clientTime: input.mutation.payload.clientTime ?? input.now,
    now: input.now,
  };
  const outcome = await applyOne(tx, input.mutation as TagMutation, author);
  await tx.run(
    `INSERT INTO mutations (id, type, agent_name, state, answer_json, created_at, updated_at) VALUES ($1, $2, $3, 'done', $4, $5, $5)`,
    [input.mutation.id, input.mutation.type, input.agentName, JSON.stringify(outcome.answer), input.now],
  );
  tx.emit(outcome.events);
  return outcome.answer;
}

/** See sqlite-tags.ts segmentMembersSync: people with the tags, a group member with the group they were last seen in. */
export async function segmentMembers(tx: PgTx, query: SegmentQuery): Promise<SegmentMember[] | { unknownTags: string[] }> {
  const keys = [...new Set(query.tags.map(tagKey))];
  const known = new Set((await tx.rows<{ key: string }>('SELECT key FROM tags WHERE key = ANY($1::text[])', [keys])).map((row) => row.key));
  const unknownTags = query.tags.filter((name) => !known.has(tagKey(name)));
  if (unknownTags.length > 0) return { unknownTags };
  const all = query.mode === 'and';
  const friendIds = (
    await tx.rows<{ friend_id: string }>(
      `SELECT friend_id FROM friend_tags WHERE tag_key = ANY($1::text[]) GROUP BY friend_id ${all ? 'HAVING COUNT(DISTINCT tag_key) = $2' : ''}
       ORDER BY friend_id COLLATE "C"`,
      all ? [keys, keys.length] : [keys],
    )
  ).map((row) => row.friend_id);
  const members: SegmentMember[] = [];
  for (const friendId of friendIds) {
    if ((await personKind(tx, friendId)) === 'chat') continue;
    const row = await tx.row<{ id: string; display_name: string; last_at: number | null }>(
      `SELECT c.id, c.display_name,
              (SELECT MAX(e.occurred_at) FROM events e WHERE e.conversation_id = c.id AND e.type IN ('message.received', 'message.sent')) AS last_at
       FROM conversations c WHERE c.friend_id = $1 ORDER BY c.updated_at DESC LIMIT 1`,
      [friendId],
    );
    const tags = await friendTagNames(tx, friendId, 'name');
    const membership = row ? null : await latestMembership(tx, friendId);
    if (membership) {
      const displayName = membership.displayName ?? friendId;
      members.push({ friendId, conversationId: membership.conversationId, displayName, lastMessageAt: membership.lastSeenAt, tags, groupName: membership.groupName });
      continue;
    }
    members.push({ friendId, conversationId: row?.id ?? null, displayName: row?.display_name ?? friendId, lastMessageAt: row?.last_at ?? null, tags, groupName: null });
  }
  return members;
}

/** A friend's tags (the shop's spelling), ordered by key (tools, tests) or by name (segments). */
export async function friendTagNames(tx: PgTx, friendId: string, orderBy: 'key' | 'name' = 'key'): Promise<string[]> {
  const rows = await tx.rows<{ name: string }>(
    `SELECT t.name FROM friend_tags f JOIN tags t ON t.key = f.tag_key WHERE f.friend_id = $1 ORDER BY t.${orderBy === 'key' ? 'key' : 'name'} COLLATE "C"`,
    [friendId],
  );
  return rows.map((row) => row.name);
}
