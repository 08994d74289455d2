/** Keys tracked at most; beyond this the oldest is forgotten (a flood from many keys stays bounded in memory). */
const MAX_TRACKED_KEYS = 20_000;

interface WindowRecord {
  windowStart: number;
  count: number;
}

/**
 * Counts actions per key (an address, a visitor id) in fixed windows that start with the key's first action.
 * `take` answers false once `limit` actions were taken in the current window. In memory, per relay process.
 */
export function createWindowCounter(options: { limit: number; windowMs: number; now: () => number; maxKeys?: number }) {
  const records = new Map<string, WindowRecord>();
  const maxKeys = options.maxKeys ?? MAX_TRACKED_KEYS;
  return {
    take(key: string): boolean {
      const now = options.now();
      let record = records.get(key);
      if (!record || now - record.windowStart >= options.windowMs) {
        records.delete(key);
        record = { windowStart: now, count: 0 };
        records.set(key, record);
        if (records.size > maxKeys) {
          const oldest = records.keys().next().value;
          if (oldest !== undefined) records.delete(oldest);
        }
      }
      if (record.count >= options.limit) return false;
      record.count += 1;
      return true;
    },
    /** Forgets keys whose window is over; runs on a timer. */
    sweep(): void {
      const now = options.now();
      for (const [key, record] of records) if (now - record.windowStart >= options.windowMs) records.delete(key);
    },
    trackedKeys: () => records.size,
  };
}
export type WindowCounter = ReturnType<typeof createWindowCounter>;
