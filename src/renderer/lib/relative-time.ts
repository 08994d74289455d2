import type { Language } from '../i18n/messages';
import type { Translate } from '../i18n/translate';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function startOfDay(timestamp: number): number {
  const date = new Date(timestamp);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

/** Whole calendar days between two instants in local time (DST-safe: compares midnights, rounds). */
export function calendarDaysBetween(earlier: number, later: number): number {
  return Math.round((startOfDay(later) - startOfDay(earlier)) / (24 * HOUR));
}

function clockTime(timestamp: number, language: Language): string {
  return new Date(timestamp).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', hour12: false });
}

/**
 * How the conversation list says "when": 剛剛, 3 分鐘前, 14:05 (earlier today), 昨天, 星期二 (this week),
 * 3/14 (this year), 2023/3/14 (older). A time slightly in the future (clock skew) reads as 剛剛.
 */
export function formatRelativeTime(timestamp: number, now: number, t: Translate, language: Language): string {
  const age = now - timestamp;
  if (age < MINUTE) return t('time.justNow');
  if (age < HOUR) return t('time.minutesAgo', { count: Math.floor(age / MINUTE) });
  const days = calendarDaysBetween(timestamp, now);
  if (days <= 0) return clockTime(timestamp, language);
  if (days === 1) return t('time.yesterday');
  const date = new Date(timestamp);
  if (days < 7) return date.toLocaleDateString(language, { weekday: 'short' });
  if (date.getFullYear() === new Date(now).getFullYear()) {
    return date.toLocaleDateString(language, { month: 'numeric', day: 'numeric' });
  }
  return date.toLocaleDateString(language, { year: 'numeric', month: 'numeric', day: 'numeric' });
}

/** The clock time printed under a chat bubble. */
export function formatMessageTime(timestamp: number, language: Language): string {
  return clockTime(timestamp, language);
}

/** The label of a day separator in the message list: 今天, 昨天, or a full date with weekday. */
export function formatDayLabel(timestamp: number, now: number, t: Translate, language: Language): string {
  const days = calendarDaysBetween(timestamp, now);
  if (days === 0) return t('time.today');
  if (days === 1) return t('time.yesterday');
  const date = new Date(timestamp);
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  const day = date.toLocaleDateString(language, { ...(sameYear ? {} : { year: 'numeric' }), month: 'long', day: 'numeric' });
  const weekday = date.toLocaleDateString(language, { weekday: 'short' });
  // ICU runs the Chinese date and weekday together (3月1日週五); a space reads faster at a glance.
  return language === 'en' ? `${weekday}, ${day}` : `${day} ${weekday}`;
}
