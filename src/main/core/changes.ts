import type { IpcEvent } from '../../shared/ipc/contract';

export const CHANGE_COALESCE_MS = 50;

/**
 * Collects change scopes and tells listeners at most once per window: a catch-up applying hundreds of
 * pages must not make the renderer re-query hundreds of times.
 */
export class ChangeNotifier {
  private readonly listeners = new Set<(event: IpcEvent) => void>();
  private pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly windowMs: number = CHANGE_COALESCE_MS) {}

  subscribe(listener: (event: IpcEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(scopes: readonly string[]): void {
    for (const scope of scopes) this.pending.add(scope);
    if (this.timer || this.pending.size === 0) return;
    this.timer = setTimeout(() => this.flush(), this.windowMs);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    this.listeners.clear();
  }

  private flush(): void {
    this.timer = null;
    const event: IpcEvent = { scopes: [...this.pending] };
    this.pending = new Set();
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // One broken listener (a closed window) must not stop the others.
      }
    }
  }
}
