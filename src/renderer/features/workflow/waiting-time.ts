import type { Translate } from '../../i18n/translate';

const MINUTE = 60_000;

/** "12 分", "1 小時 5 分", "2 天 3 小時": how long someone has waited, in the agent's language. */
export function formatWaited(ms: number, t: Translate): string {
  if (ms < MINUTE) return t('workflow.time.lessThanMinute');
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 60) return t('workflow.time.minutes', { minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('workflow.time.hours', { hours, minutes: minutes % 60 });
  return t('workflow.time.days', { days: Math.floor(hours / 24), hours: hours % 24 });
}

/** How urgent a wait looks: under 5 minutes calm, under 30 minutes warm, then hot. */
export function waitTone(ms: number): 'calm' | 'warm' | 'hot' {
  if (ms < 5 * MINUTE) return 'calm';
  if (ms < 30 * MINUTE) return 'warm';
  return 'hot';
}
