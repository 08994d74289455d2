/**
 * Who runs the cluster's periodic background work (polling LINE's quota, the payment-reminder sweep, failing sends
 * a dead relay left unconfirmed, removing web chat uploads never sent). Correctness never depends on it — the store
 * claims every reminder, stuck send and unsent upload once, whoever sweeps — it only keeps N relay processes from
 * doing the same calls N times.
 */
export interface BackgroundLease {
  /** Whether this process should run the periodic work now. */
  held(): boolean;
  report(): BackgroundRole;
  /** Stops renewing and hands the work to another process at once. */
  stop(): Promise<void>;
}

export interface BackgroundRole {
  /** leader: runs the work; standby: another process holds the lease; every-process: each process sweeps (SQLite). */
  role: 'leader' | 'standby' | 'every-process';
  /** This relay process's id in the lease table. */
  processId: string;
  /** The periodic jobs the role covers. */
  jobs: readonly string[];
  /** Work every relay process takes part in whatever its role, each item leased to one process at a time in the store. */
  sharedJobs: readonly string[];
}

export const BACKGROUND_JOBS = ['quota-poll', 'reminder-sweep', 'unconfirmed-sends', 'visitor-upload-sweep'] as const;
/** Downloads of customers' content: queued in the store, any process takes the next due one (media-downloader.ts). */
export const SHARED_JOBS = ['media-downloads'] as const;

/**
 * SQLite: the relays sharing the file run on one machine; each sweeps as before (the store's single writer claims
 * every item once) and nothing is renewed.
 */
export function everyProcessLease(processId: string): BackgroundLease {
  return {
    held: () => true,
    report: () => ({ role: 'every-process', processId, jobs: BACKGROUND_JOBS, sharedJobs: SHARED_JOBS }),
    stop: async () => undefined,
  };
}
