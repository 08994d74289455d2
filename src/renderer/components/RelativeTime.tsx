import { useNow } from '../hooks/useNow';
import { useI18n } from '../i18n';
import { formatRelativeTime } from '../lib/relative-time';

/** "3 分鐘前" that stays true: re-evaluated every 30 s by this element alone. */
export function RelativeTime({ timestamp }: { timestamp: number }) {
  const { t, language } = useI18n();
  const now = useNow(30_000);
  return (
    <time className="relative-time" dateTime={new Date(timestamp).toISOString()} title={new Date(timestamp).toLocaleString(language)}>
      {formatRelativeTime(timestamp, now, t, language)}
    </time>
  );
}
