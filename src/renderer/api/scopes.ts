import type { IpcEvent } from '../../shared/ipc';

/** True when a change event concerns `scope`; 'conversation:*' (sent after a reconnect) matches every conversation. */
export function eventTouches(event: IpcEvent, scope: string): boolean {
  return event.scopes.some(
    (candidate) => candidate === scope || (candidate === 'conversation:*' && scope.startsWith('conversation:')),
  );
}

export function conversationScope(conversationId: string): string {
  return `conversation:${conversationId}`;
}
