/**
 * Saves the composer's draft to the core a moment after the agent stops typing, not on every key: one
 * pending save per composer, replaced by each change, sent at once when the composer goes away.
 */
export const DRAFT_SAVE_DELAY_MS = 600;

export interface DraftSaverTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: DraftSaverTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class DraftSaver {
  private pending: { text: string; timer: unknown } | null = null;

  constructor(
    private readonly conversationId: string,
    private readonly save: (conversationId: string, text: string) => Promise<unknown>,
    private readonly delayMs: number = DRAFT_SAVE_DELAY_MS,
    private readonly timers: DraftSaverTimers = realTimers,
  ) {}

  /** The draft now reads `text`; it is saved once no other change follows within the delay. */
  changed(text: string): void {
    if (this.pending) this.timers.clearTimeout(this.pending.timer);
    this.pending = { text, timer: this.timers.setTimeout(() => this.flush(), this.delayMs) };
  }

  /** Saves a pending change now (the conversation is being left or the window closes). */
  flush(): void {
    const pending = this.pending;
    if (!pending) return;
    this.timers.clearTimeout(pending.timer);
    this.pending = null;
    // A failed save leaves the previous draft in the store; the in-memory draft still has the text.
    this.save(this.conversationId, pending.text).catch(() => undefined);
  }
}

/**
 * What the composer shows once the stored draft has been read: what the agent typed meanwhile wins,
 * otherwise the stored draft (a restart, or another window of the app, saved it).
 */
export function draftAfterLoad(shownAtOpen: string, shownNow: string, stored: string): string {
  if (shownNow !== shownAtOpen) return shownNow;
  return stored !== '' ? stored : shownNow;
}
