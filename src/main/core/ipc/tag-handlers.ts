import type { IpcHandlers } from './handlers';
import type { LocalDatabase } from '../store/database';
import { getServerTimeOffset, getStoredAgent } from '../store/meta';
import { enqueueTagChange } from '../tags/enqueue-tag-change';
import { visibleTagsOf } from '../tags/friend-tags';
import { inboxCounts, shopTags } from '../tags/inbox-filter';
import { exportSegment, runLeadMutation, type RelayAccess } from '../tags/lead-actions';
import { leadTags, tagAudit, tagMembers } from '../tags/lead-queries';
import { MAX_TAGS_PER_FRIEND } from '../../../shared/tags';
import type { TagRejection } from '../../../shared/ipc/tag-contract';
import { chatMembers } from '../store/chat-members';

type TagChannel = Extract<keyof IpcHandlers, `tags:${string}` | `lead:${string}` | 'inbox:counts'>;

export interface TagHandlerContext {
  db: () => LocalDatabase;
  now: () => number;
  notify: (scopes: string[]) => void;
  kickOutbox: () => void;
  relay: RelayAccess;
}

const FORBIDDEN = { ok: false as const, code: 'FORBIDDEN', message: 'Only a team lead can open the tag workspace' };

/** Handlers for the tag channels of the IPC contract (src/shared/ipc/tag-contract.ts). */
export function createTagHandlers(context: TagHandlerContext): Pick<IpcHandlers, TagChannel> {
  const { db, now } = context;
  // The relay enforces the role on every lead action; this only keeps agents out of the workspace reads.
  const isLead = () => getStoredAgent(db())?.role === 'lead';

  const change = (type: 'tag.add' | 'tag.remove') => (input: { friendId: string; tag: string }) => {
    const result = enqueueTagChange(db(), { ...input, type }, now);
    if (result.ok) {
      context.notify(['tags', `tags:${input.friendId}`, 'inbox', 'sync']);
      context.kickOutbox();
    }
    return result;
  };

  return {
    'tags:ofFriend': (input) => {
      const rejections = db()
        .prepare(
          `SELECT mutation_id AS mutationId, friend_id AS friendId, tag, code, message, rejected_at AS rejectedAt
           FROM tag_rejections WHERE friend_id = ? ORDER BY rejected_at DESC`,
        )
        .all(input.friendId) as TagRejection[];
      return { tags: visibleTagsOf(db(), input.friendId), max: MAX_TAGS_PER_FRIEND, rejections };
    },
    'tags:add': change('tag.add'),
    'tags:remove': change('tag.remove'),
    'tags:dismissRejection': (input) => {
      const row = db().prepare('DELETE FROM tag_rejections WHERE mutation_id = ? RETURNING friend_id').get(input.mutationId) as
        | { friend_id: string }
        | undefined;
      if (row) context.notify([`tags:${row.friend_id}`]);
      return { ok: true as const };
    },
    'tags:list': () => ({ tags: shopTags(db()) }),
    'tags:members': (input) => ({ members: chatMembers(db(), input.conversationId) }),
    'inbox:counts': (input) => inboxCounts(db(), input),

    'lead:tags': () => (isLead() ? { ok: true as const, tags: leadTags(db(), now() + getServerTimeOffset(db())) } : FORBIDDEN),
    'lead:members': (input) => (isLead() ? { ok: true as const, members: tagMembers(db(), input.tag) } : FORBIDDEN),
    'lead:audit': (input) => (isLead() ? { ok: true as const, entries: tagAudit(db(), input.tag, input.limit) } : FORBIDDEN),
    'lead:rename': (input) => runLeadMutation(context.relay, 'tag.rename', input, now),
    'lead:merge': (input) => runLeadMutation(context.relay, 'tag.merge', input, now),
    'lead:delete': (input) => runLeadMutation(context.relay, 'tag.delete', input, now),
    'lead:export': (input) => exportSegment(context.relay, input),
  };
}
