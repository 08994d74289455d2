import { useCallback, useEffect, useRef } from 'react';
import type { IncomingMessage } from '../../shared/ipc/attention-contract';
import { NotificationPlanner, SUMMARY_FROM_CUSTOMERS, type NotificationAction } from '../../shared/desktop/notification-plan';
import type { InboxApi } from '../../shared/ipc';
import { useInboxApi } from '../api/api-context';
import { useChanged } from '../hooks/useChanged';
import { useI18n } from '../i18n';
import { getDesktopShell } from './desktop-shell';
import { notificationsSilenced, usePreferences } from './preferences';

/** Messages arriving within this quiet time are decided together (a burst becomes one summary). */
const SETTLE_MS = 1_200;
/** … but never held back longer than this. */
const MAX_HOLD_MS = 3_000;

/** A first message's profile (the customer's LINE name) usually lands a moment after it: name them as they are now. */
async function withCurrentNames(api: InboxApi, messages: IncomingMessage[]): Promise<IncomingMessage[]> {
  const ids = [...new Set(messages.map((message) => message.conversationId))];
  if (ids.length >= SUMMARY_FROM_CUSTOMERS) return messages; // A summary names nobody.
  const names = new Map<string, string>();
  for (const id of ids) {
    const conversation = await api.invoke('conversation:get', { conversationId: id }).catch(() => null);
    if (conversation) names.set(id, conversation.displayName);
  }
  return messages.map((message) => ({ ...message, displayName: names.get(message.conversationId) ?? message.displayName }));
}

function windowFocused(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/**
 * Draws the agent's attention to new customer messages: system notifications (planned by
 * shared/desktop/notification-plan.ts), the unread badge, and opening the conversation a notification was
 * clicked for. Mounted once, in the signed-in inbox.
 */
export function useAttention({ openConversationId, onOpen }: { openConversationId: string | null; onOpen(conversationId: string): void }): void {
  const api = useInboxApi();
  const { t } = useI18n();
  const { preferences } = usePreferences();
  const shell = getDesktopShell();
  const planner = useRef(new NotificationPlanner());
  const cursor = useRef<number | null>(null);
  const held = useRef<IncomingMessage[]>([]);
  const timers = useRef<{ settle: number | null; firstHeldAt: number | null }>({ settle: null, firstHeldAt: null });
  const polling = useRef<{ running: boolean; again: boolean }>({ running: false, again: false });
  const latest = useRef({ preferences, openConversationId, onOpen, t });
  latest.current = { preferences, openConversationId, onOpen, t };

  const perform = useCallback(
    (actions: NotificationAction[]) => {
      const { preferences: prefs, t: translate } = latest.current;
      let sound = prefs.sound;
      for (const action of actions) {
        if (action.kind === 'close') {
          shell.closeNotification(action.tag);
          continue;
        }
        const note =
          action.kind === 'summary'
            ? { title: translate('notify.summary.title'), body: translate('notify.summary', { messages: action.messages, customers: action.customers }) }
            : {
                title: `${action.displayName} · ${translate(`channel.${action.channel}`)}`,
                body: action.count > 1 ? `${action.firstLine} ${translate('notify.more', { count: action.count - 1 })}` : action.firstLine,
              };
        shell.notify({ tag: action.tag, conversationId: action.conversationId, sound, ...note });
        sound = false; // One chime per burst.
      }
    },
    [shell],
  );

  const flush = useCallback(async () => {
    timers.current = { settle: null, firstHeldAt: null };
    const messages = await withCurrentNames(api, held.current.splice(0));
    const { preferences: prefs, openConversationId: onScreen } = latest.current;
    // How many bursts have been decided: lets a test know a decision was "show nothing" rather than "not yet".
    document.documentElement.dataset.attentionBursts = String(Number(document.documentElement.dataset.attentionBursts ?? 0) + 1);
    perform(
      planner.current.add(messages, {
        now: Date.now(),
        windowFocused: windowFocused(),
        onScreenConversationId: onScreen,
        silenced: notificationsSilenced(prefs),
        isMuted: (conversationId) => prefs.mutedConversations.includes(conversationId),
      }),
    );
  }, [api, perform]);

  const hold = useCallback(
    (messages: IncomingMessage[]) => {
      held.current.push(...messages);
      const now = Date.now();
      const current = timers.current;
      if (current.settle !== null) window.clearTimeout(current.settle);
      const firstHeldAt = current.firstHeldAt ?? now;
      const wait = Math.max(0, Math.min(SETTLE_MS, firstHeldAt + MAX_HOLD_MS - now));
      timers.current = { settle: window.setTimeout(() => void flush(), wait), firstHeldAt };
    },
    [flush],
  );

  const poll = useCallback(async () => {
    if (polling.current.running) {
      polling.current.again = true;
      return;
    }
    polling.current.running = true;
    try {
      do {
        polling.current.again = false;
        const result = await api.invoke('attention:incoming', { after: cursor.current });
        cursor.current = result.cursor;
        shell.setUnreadCount(result.unreadTotal);
        if (result.messages.length > 0) hold(result.messages);
      } while (polling.current.again);
    } catch (error) {
      console.warn('[attention]', error instanceof Error ? error.message : error);
    } finally {
      polling.current.running = false;
    }
  }, [api, shell, hold]);

  useEffect(() => {
    void poll();
    return () => {
      if (timers.current.settle !== null) window.clearTimeout(timers.current.settle);
    };
  }, [poll]);
  useChanged(['inbox'], () => void poll());

  // Opening a conversation (or coming back to the window) is seeing what waited there.
  useEffect(() => {
    if (openConversationId && windowFocused()) perform(planner.current.acknowledge(openConversationId));
  }, [openConversationId, perform]);

  useEffect(
    () =>
      shell.onCommand((command) => {
        if (command.type === 'openConversation') {
          perform(planner.current.acknowledge(null));
          latest.current.onOpen(command.conversationId);
        } else if (command.type === 'windowFocused') {
          perform(planner.current.acknowledge(null));
        }
      }),
    [shell, perform],
  );
}
