import type { IncomingMessage } from '../ipc/attention-contract';
import type { Channel } from '../protocol/events';

/**
 * Which system notifications new customer messages raise: one per conversation at a time (a newer message
 * replaces its conversation's notification), and one summary instead once several customers wait, so a busy
 * minute never becomes a storm. Pure: both hosts (Electron `Notification`, the Web Notifications API) only
 * carry out what it decides.
 */

/** From this many customers waiting unseen, one summary replaces their notifications. */
export const SUMMARY_FROM_CUSTOMERS = 3;
/** Older messages (a backlog arriving after a long time offline) raise nothing: the inbox shows them. */
export const NOTIFY_MAX_AGE_MS = 60 * 60_000;
export const SUMMARY_TAG = 'summary';

export interface NotifyContext {
  now: number;
  /** The window has the keyboard focus (and is visible). */
  windowFocused: boolean;
  /** The conversation open on screen, if any. */
  onScreenConversationId: string | null;
  /** Do-not-disturb or away. */
  silenced: boolean;
  isMuted(conversationId: string): boolean;
}

export type NotificationAction =
  | {
      kind: 'conversation';
      /** Replaces the conversation's previous notification. */
      tag: string;
      conversationId: string;
      displayName: string;
      channel: Channel;
      /** The first line of the newest message. */
      firstLine: string;
      /** Messages of this conversation not yet seen, this one included. */
      count: number;
    }
  | { kind: 'summary'; tag: typeof SUMMARY_TAG; messages: number; customers: number; conversationId: string }
  | { kind: 'close'; tag: string };

interface Waiting {
  displayName: string;
  channel: Channel;
  count: number;
  firstLine: string;
}

/** The first line of a message, trimmed for a notification body. */
export function firstLine(text: string, max = 120): string {
  const line = text.split(/\r?\n/).find((candidate) => candidate.trim() !== '')?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export class NotificationPlanner {
  /** Conversations with messages the agent has not seen since the last acknowledgement, oldest first. */
  private readonly waiting = new Map<string, Waiting>();
  private summaryShown = false;

  /** Decides the notifications for messages that just arrived. */
  add(messages: readonly IncomingMessage[], context: NotifyContext): NotificationAction[] {
    if (context.silenced) return [];
    const touched = new Set<string>();
    for (const message of messages) {
      if (context.now - message.createdAt > NOTIFY_MAX_AGE_MS) continue;
      if (context.isMuted(message.conversationId)) continue;
      if (context.windowFocused && context.onScreenConversationId === message.conversationId) continue;
      const previous = this.waiting.get(message.conversationId);
      this.waiting.set(message.conversationId, {
        displayName: message.displayName,
        channel: message.channel,
        count: (previous?.count ?? 0) + 1,
        firstLine: firstLine(message.text),
      });
      touched.add(message.conversationId);
    }
    if (touched.size === 0) return [];
    if (this.waiting.size >= SUMMARY_FROM_CUSTOMERS) {
      const actions: NotificationAction[] = this.summaryShown ? [] : [...this.waiting.keys()].map((tag) => ({ kind: 'close' as const, tag }));
      this.summaryShown = true;
      const messagesWaiting = [...this.waiting.values()].reduce((sum, entry) => sum + entry.count, 0);
      actions.push({ kind: 'summary', tag: SUMMARY_TAG, messages: messagesWaiting, customers: this.waiting.size, conversationId: [...this.waiting.keys()][0]! });
      return actions;
    }
    return [...touched].map((conversationId) => {
      const entry = this.waiting.get(conversationId)!;
      return { kind: 'conversation', tag: conversationId, conversationId, ...entry };
    });
  }

  /** The agent looked (focused the window or opened a conversation): what was waiting is seen. */
  acknowledge(conversationId: string | null = null): NotificationAction[] {
    const tags = conversationId === null ? [...this.waiting.keys()] : this.waiting.has(conversationId) ? [conversationId] : [];
    for (const tag of tags) this.waiting.delete(tag);
    const actions: NotificationAction[] = tags.map((tag) => ({ kind: 'close', tag }));
    if (this.summaryShown && (conversationId === null || this.waiting.size === 0)) {
      this.summaryShown = false;
      this.waiting.clear();
      actions.push({ kind: 'close', tag: SUMMARY_TAG });
    }
    return actions;
  }
}

export type ReplyWindowWarning = { conversationId: string; displayName: string; secondsLeft: number };

/** How long before a free window closes the agent is warned about a reply still in the composer. */
export function warnBeforeCloseMs(via: 'line_token' | 'meta_response' | 'meta_human_agent'): number {
  return via === 'line_token' ? 15_000 : 15 * 60_000;
}
