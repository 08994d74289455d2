import type { IpcRendererEvent } from 'electron';
import type { InboxApi, IpcChannel, IpcEvent } from '../shared/ipc/contract';

/**
 * The sandboxed preload cannot load packages at run time, so this file must not import zod (the
 * contract module does): the channel list is repeated here, and the type below fails the build if it
 * ever misses a channel of the contract. A unit test checks both against the contract at run time.
 */
export const PRELOAD_CHANNELS = [
  'session:get',
  'session:signIn',
  'session:signInDemo',
  'session:signOut',
  'store:health',
  'store:recover',
  'inbox:list',
  'conversation:get',
  'conversation:messages',
  'conversation:markRead',
  'reply:send',
  'reply:sendContent',
  'drafts:get',
  'drafts:save',
  'reply:cancel',
  'reply:edit',
  'reply:push',
  'quota:get',
  'report:savings',
  'report:savingsCsv',
  'sync:status',
  'suggestions:forConversation',
  'presence:typing',
  'rules:get',
  'rules:save',
  'rules:test',
  'suggestions:feedback',
  'rules:learned',
  'rules:reviewLearned',
  'tags:ofFriend',
  'tags:add',
  'tags:remove',
  'tags:dismissRejection',
  'tags:list',
  'tags:members',
  'inbox:counts',
  'lead:tags',
  'lead:members',
  'lead:audit',
  'lead:rename',
  'lead:merge',
  'lead:delete',
  'lead:export',
  'media:load',
  'outbox:list',
  'outbox:retry',
  'search:messages',
  'catalog:get',
  'catalog:previewCsv',
  'catalog:save',
  'orders:create',
  'orders:list',
  'orders:get',
  'orders:setStatus',
  'orders:sendSummary',
  'attention:incoming',
  'inbox:viewCounts',
  'workflow:nextWaiting',
  'workflow:setStatus',
  'workflow:assign',
  'workflow:addNote',
  'workflow:clearMentions',
  'workflow:heldOverdue',
  'customer:get',
  'customer:setNote',
  'team:members',
  'settings:get',
  'settings:save',
  'team:report',
  'team:reportCsv',
  'team:tokens',
  'team:createToken',
  'team:revokeToken',
] as const satisfies readonly IpcChannel[];
type MissingChannel = Exclude<IpcChannel, (typeof PRELOAD_CHANNELS)[number]>;
const everyChannelListed: [MissingChannel] extends [never] ? true : never = true;
void everyChannelListed;

/** Same value as IPC_EVENT_CHANNEL in the contract (checked by a unit test). */
export const PRELOAD_EVENT_CHANNEL = 'core:changed';

const KNOWN: ReadonlySet<string> = new Set(PRELOAD_CHANNELS);

export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): unknown;
}

export function createInboxApi(ipc: PreloadIpc): InboxApi {
  return {
    invoke: ((channel: string, input: unknown) => {
      if (!KNOWN.has(channel)) return Promise.reject(new Error(`Unknown channel "${channel}"`));
      return ipc.invoke(channel, input);
    }) as InboxApi['invoke'],
    onChanged(listener) {
      // Only the payload crosses into the page, never the IpcRendererEvent (it carries `sender`).
      const forward = (_event: IpcRendererEvent, change: unknown): void => listener(change as IpcEvent);
      ipc.on(PRELOAD_EVENT_CHANNEL, forward);
      return () => {
        ipc.removeListener(PRELOAD_EVENT_CHANNEL, forward);
      };
    },
  };
}
