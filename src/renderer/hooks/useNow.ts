import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `intervalMs`; only the component calling it re-renders.
 * Ticks are aligned to the wall clock, so every countdown on screen changes in the same instant.
 */
export function useNow(intervalMs: number, enabled = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!enabled) return;
    setNow(Date.now());
    let interval: ReturnType<typeof setInterval> | undefined;
    const alignment = setTimeout(() => {
      setNow(Date.now());
      interval = setInterval(() => setNow(Date.now()), intervalMs);
    }, intervalMs - (Date.now() % intervalMs));
    return () => {
      clearTimeout(alignment);
      if (interval) clearInterval(interval);
    };
  }, [intervalMs, enabled]);
  return now;
}
