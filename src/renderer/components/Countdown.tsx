import { replyWindowRemainingMs } from '../../shared/delivery/reply-window';
import { useNow } from '../hooks/useNow';
import { countdownTone, formatCountdown, type CountdownTone } from '../lib/countdown';

/**
 * Ticks once a second while the free-reply window is open; only this element re-renders.
 * `children` receives the formatted time and the tone (calm / urgent / closed).
 */
export function Countdown({
  openedAt,
  children,
}: {
  openedAt: number | null;
  children: (time: string, tone: CountdownTone) => React.ReactNode;
}) {
  const openAtMount = replyWindowRemainingMs(openedAt, Date.now()) > 0;
  const now = useNow(1_000, openAtMount);
  const remaining = replyWindowRemainingMs(openedAt, now);
  return <>{children(formatCountdown(remaining), countdownTone(remaining))}</>;
}
