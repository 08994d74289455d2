import { replyOutlook, type ChannelWindow } from '../../shared/delivery/channel-window';
import type { Translate } from '../i18n/translate';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Below this Meta's 24 h window turns amber, like LINE's last 15 seconds. */
export const META_URGENT_MS = HOUR;

export type WindowTone = 'calm' | 'urgent' | 'closed' | 'human';

/**
 * Time left in a Meta window, as agents say it: whole days while a day or more is left ("3 天"), hours and
 * minutes below that ("5 小時 12 分"), minutes in the last hour (rounded up, so "1 分" until it closes).
 */
export function formatWindowLeft(remainingMs: number, t: Translate): string {
  const ms = Math.max(0, remainingMs);
  if (ms >= DAY) return t('window.left.days', { days: Math.floor(ms / DAY) });
  if (ms >= HOUR) return t('window.left.hours', { hours: Math.floor(ms / HOUR), minutes: Math.floor((ms % HOUR) / MINUTE) });
  return t('window.left.minutes', { minutes: Math.max(1, Math.ceil(ms / MINUTE)) });
}

/** The header's window sentence for Messenger, Instagram and web chat (LINE keeps its second countdown). */
export function channelWindowStatus(window: ChannelWindow, now: number, t: Translate): { text: string; tone: WindowTone } {
  const outlook = replyOutlook(window, now);
  if (outlook.mode === 'held') return { text: t('window.meta.held'), tone: 'closed' };
  switch (outlook.via) {
    case 'webchat':
      return outlook.visitorOnline ? { text: t('window.webchat.online'), tone: 'calm' } : { text: t('window.webchat.offline'), tone: 'closed' };
    case 'meta_response': {
      const left = outlook.closesAt - now;
      return { text: t('window.meta.response', { time: formatWindowLeft(left, t) }), tone: left < META_URGENT_MS ? 'urgent' : 'calm' };
    }
    case 'meta_human_agent':
      return { text: t('window.meta.humanAgent', { time: formatWindowLeft(outlook.closesAt - now, t) }), tone: 'human' };
    case 'line_token':
      // LINE is shown by the seconds countdown; this is only a fallback wording.
      return { text: t('composer.hint.free'), tone: 'calm' };
  }
}
