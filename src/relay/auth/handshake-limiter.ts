import type { Logger } from '../logger';

export interface HandshakeLimits {
  /** Failed handshakes from one address within `windowMs` after which its handshakes are refused unchecked. */
  maxFailures: number;
  windowMs: number;
}

interface AddressRecord {
  windowStart: number;
  failures: number;
  /** Handshakes refused unchecked while the address was over the limit. */
  refused: number;
}

/** Addresses tracked at most; beyond this the oldest is forgotten (a flood from many addresses stays bounded). */
const MAX_TRACKED_ADDRESSES = 10_000;

/**
 * Counts failed agent handshakes per address in a fixed window that starts with the first failure. Over the
 * limit, handshakes from the address are refused without checking the token until the window ends. Logs
 * name the address and counts (never the token): the first failure, the moment the limit is reached, and a
 * summary when the window ends — a flood of any size gives a few lines.
 */
export function createHandshakeLimiter(limits: HandshakeLimits, logger: Logger, now: () => number) {
  const addresses = new Map<string, AddressRecord>();

  const closeWindow = (address: string, record: AddressRecord) => {
    addresses.delete(address);
    if (record.refused > 0) {
      logger.warn(`Agent handshakes from ${address}: ${record.refused} refused unchecked while rate-limited, after ${record.failures} failures`);
    } else if (record.failures > 1) {
      logger.warn(`Agent handshakes from ${address}: ${record.failures} failed within ${Math.round(limits.windowMs / 1000)} s`);
    }
  };

  const current = (address: string): AddressRecord | undefined => {
    const record = addresses.get(address);
    if (record && now() - record.windowStart >= limits.windowMs) {
      closeWindow(address, record);
      return undefined;
    }
    return record;
  };

  return {
    /** True when this address is over the limit: refuse the handshake without looking at the token. */
    isLimited(address: string): boolean {
      const record = current(address);
      if (!record || record.failures < limits.maxFailures) return false;
      record.refused += 1;
      return true;
    },
    recordFailure(address: string, reason: string): void {
      let record = current(address);
      if (!record) {
        record = { windowStart: now(), failures: 0, refused: 0 };
        addresses.set(address, record);
        if (addresses.size > MAX_TRACKED_ADDRESSES) {
          const oldest = addresses.keys().next().value;
          if (oldest !== undefined) addresses.delete(oldest);
        }
      }
      record.failures += 1;
      if (record.failures === 1) logger.warn(`Agent handshake refused from ${address} (${reason})`);
      if (record.failures === limits.maxFailures) {
        const until = new Date(record.windowStart + limits.windowMs).toISOString();
        logger.warn(`Agent handshakes from ${address}: ${record.failures} failures — refusing its handshakes until ${until}`);
      }
    },
    /** Ends the windows that are over (summary lines) and forgets their addresses; runs on a timer. */
    sweep(): void {
      for (const address of [...addresses.keys()]) current(address);
    },
    trackedAddresses: () => addresses.size,
  };
}
export type HandshakeLimiter = ReturnType<typeof createHandshakeLimiter>;
