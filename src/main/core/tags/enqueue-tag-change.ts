import { randomUUID } from 'node:crypto';
import type { TagAddPayload, TagRemovePayload } from '../../../shared/protocol';
import { checkTagCap, findLookalikeTag, lookalikeMessage, normaliseTagName } from '../../../shared/tags';
import type { LocalDatabase } from '../store/database';
import { insertOutboxItem } from '../store/outbox';
import { personKindOf } from '../store/chat-members';
import { confirmedTagsOf, queuedTagChanges, refreshFriendTags, tagQueueId, visibleTagsOf } from './friend-tags';
import { tagKey } from '../../../shared/tags';

export type TagChangeResult = { ok: true; tag: string } | { ok: false; code: string; message: string };

/**
 * Queues a tag add or remove for a friend: the outbox row and the friend's visible tags change in ONE
 * transaction, so it works offline and shows at once. An add is checked against the cap with the same
 * function the relay uses; a name is normalised with the same normaliser and refused, like the relay
 * does, when it imitates another shop tag (TAG_LOOKALIKE).
 */
export function enqueueTagChange(
  db: LocalDatabase,
  input: { friendId: string; tag: string; type: 'tag.add' | 'tag.remove' },
  now: () => number,
): TagChangeResult {
  const normalised = normaliseTagName(input.tag);
  if (!normalised.ok) return { ok: false, code: 'INVALID_TAG', message: normalised.message };
  const person = personKindOf(db, input.friendId);
  if (person === 'unknown') return { ok: false, code: 'UNKNOWN_FRIEND', message: `No conversation with friend ${input.friendId} here` };
  // Tags are about people: in a LINE group or room they go on the member who wrote. A group keeps only the tags
  // an older app gave it, and those can still be removed.
  if (person === 'chat' && input.type === 'tag.add') {
    return { ok: false, code: 'NOT_A_PERSON', message: 'Tags belong to people: tag a member of this group or room instead' };
  }
  const { key } = normalised;
  const shopName = (db.prepare('SELECT name FROM tags WHERE key = ?').get(key) as { name: string } | undefined)?.name;
  const name = shopName ?? normalised.name;
  if (input.type === 'tag.add' && shopName === undefined) {
    // The relay refuses a look-alike of a shop tag too; refusing it here says so at once, even offline.
    const imitated = findLookalikeTag(normalised, db.prepare('SELECT key, name FROM tags').all() as { key: string; name: string }[]);
    if (imitated) return { ok: false, code: 'TAG_LOOKALIKE', message: lookalikeMessage(normalised.name, imitated.name) };
  }
  const visible = visibleTagsOf(db, input.friendId);
  const visibleTag = visible.find((tag) => tag.key === key);

  let payload: TagAddPayload | TagRemovePayload;
  if (input.type === 'tag.add') {
    const decision = checkTagCap(visible.map((tag) => tag.key), key, name);
    if (!decision.allowed) return { ok: false, code: 'TAG_LIMIT', message: decision.message };
    if (decision.alreadyPresent) return { ok: true, tag: visibleTag?.name ?? name };
    payload = { friendId: input.friendId, tag: name, clientTime: now() };
  } else {
    if (!visibleTag) return { ok: true, tag: name };
    // Everything this agent has seen put the tag there: the relay removes it only if nothing newer did.
    const observedAddIds = [
      ...confirmedTagsOf(db, input.friendId).filter((tag) => tag.key === key).map((tag) => tag.addId),
      ...queuedTagChanges(db, input.friendId).filter((change) => change.type === 'tag.add' && tagKey(change.tag) === key).map((change) => change.id),
    ];
    payload = { friendId: input.friendId, tag: visibleTag.name, clientTime: now(), observedAddIds };
  }
  db.transaction(() => {
    insertOutboxItem(db, { id: randomUUID(), type: input.type, payload, conversationId: tagQueueId(input.friendId), createdAt: now() });
    refreshFriendTags(db, input.friendId);
  })();
  return { ok: true, tag: payload.tag };
}
