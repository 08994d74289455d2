import { useEffect, useRef } from 'react';
import { replyOutlook } from '../../shared/delivery/channel-window';
import { warnBeforeCloseMs } from '../../shared/desktop/notification-plan';
import type { ConversationSummary } from '../../shared/ipc';
import { useI18n } from '../i18n';
import { getDesktopShell } from './desktop-shell';
import { notificationsSilenced, usePreferences } from './preferences';
import { conversationsWithTypedReply } from './typed-replies';

export interface WindowWarning {
  conversationId: string;
  displayName: string;
  secondsLeft: number;
  /** Identifies the window (its closing time): each window warns once. */
  key: string;
}

/** Replies typed but not sent in conversations whose free window closes soon (pure, for tests). */
export function dueWindowWarnings(conversations: readonly ConversationSummary[], typedIn: readonly string[], now: number): WindowWarning[] {
  return conversations.flatMap((conversation) => {
    if (!typedIn.includes(conversation.id)) return [];
    const outlook = replyOutlook(conversation.replyWindow, now);
    if (outlook.mode !== 'free' || outlook.via === 'webchat') return [];
    const left = outlook.closesAt - now;
    if (left <= 0 || left > warnBeforeCloseMs(outlook.via)) return [];
    return [{ conversationId: conversation.id, displayName: conversation.displayName, secondsLeft: Math.ceil(left / 1000), key: `${conversation.id}@${outlook.closesAt}` }];
  });
}

/** Warns once per window when the agent is away from a reply they typed whose free window is about to close. */
export function useReplyWindowWarnings(conversations: readonly ConversationSummary[], openConversationId: string | null): void {
  const { t } = useI18n();
  const { preferences } = usePreferences();
  const warned = useRef(new Set<string>());
  const latest = useRef({ conversations, openConversationId, preferences, t });
  latest.current = { conversations, openConversationId, preferences, t };
  useEffect(() => {
    const timer = window.setInterval(() => {
      const current = latest.current;
      if (notificationsSilenced(current.preferences)) return;
      const watching = document.hasFocus() && document.visibilityState === 'visible';
      for (const warning of dueWindowWarnings(current.conversations, conversationsWithTypedReply(), Date.now())) {
        if (warned.current.has(warning.key) || (watching && warning.conversationId === current.openConversationId)) continue;
        warned.current.add(warning.key);
        getDesktopShell().notify({
          tag: `window:${warning.conversationId}`,
          conversationId: warning.conversationId,
          title: current.t('notify.windowClosing.title'),
          body: current.t('notify.windowClosing.body', { name: warning.displayName, seconds: warning.secondsLeft }),
          sound: current.preferences.sound,
        });
      }
    }, 1_000);
    return () => window.clearInterval(timer);
  }, []);
}
