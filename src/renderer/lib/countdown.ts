/** Below this the free-reply countdown turns amber: the agent should send now or accept a held reply. */
export const COUNTDOWN_URGENT_MS = 15_000;

export type CountdownTone = 'calm' | 'urgent' | 'closed';

/** "0:42" — whole seconds rounded up, so the display never shows 0:00 while the window is still open. */
export function formatCountdown(remainingMs: number): string {
  const totalSeconds = Math.max(0, Math.ceil(remainingMs / 1000));
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}:${seconds.toString().padStart(2, '0')}`;
}

export function countdownTone(remainingMs: number): CountdownTone {
  if (remainingMs <= 0) return 'closed';
  return remainingMs < COUNTDOWN_URGENT_MS ? 'urgent' : 'calm';
}
