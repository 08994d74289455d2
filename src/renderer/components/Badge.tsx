import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'progress' | 'free' | 'waiting' | 'paid' | 'error' | 'accent';

export function Badge({ tone, title, children }: { tone: BadgeTone; title?: string; children: ReactNode }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

export function UnreadBadge({ count, label }: { count: number; label: string }) {
  if (count <= 0) return null;
  return (
    <span className="unread-badge" aria-label={label}>
      {count > 99 ? '99+' : count}
    </span>
  );
}
