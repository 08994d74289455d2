import type { InboundBody, InboundOutcome, RelayStore } from '../store/relay-store';

/** A group larger than this is split, so one transaction never holds the write lock for long. */
export const MAX_INGEST_GROUP = 200;

export interface InboundQueue {
  /** Resolves once this body is committed (ok) or known not stored (not ok); never rejects. */
  submit(body: InboundBody): Promise<InboundOutcome>;
}

interface Pending {
  body: InboundBody;
  settle: (outcome: InboundOutcome) => void;
}

/**
 * Group commit for every channel's intake (LINE and Meta webhooks, web chat visitor messages): every body that
 * finished arriving in the same turn of the event loop — or while the previous group was committing — is written
 * in one transaction (setImmediate: no timer, no added wait when the relay is quiet). Each caller
 * is answered only after the commit that holds its body. When the group as a whole cannot commit,
 * every body is retried in a transaction of its own, so one bad body never fails the others.
 */
export function createInboundQueue(store: RelayStore, onGroupFailed: (error: unknown) => void = () => {}): InboundQueue {
  let pending: Pending[] = [];

  const writeAlone = async (entry: Pending) => {
    try {
      const [outcome] = await store.recordInbound([entry.body]);
      entry.settle(outcome ?? { ok: false, error: new Error('no outcome for this body') });
    } catch (error) {
      entry.settle({ ok: false, error });
    }
  };

  const writeGroup = async (group: Pending[]) => {
    if (group.length === 1) return writeAlone(group[0] as Pending);
    let outcomes: InboundOutcome[];
    try {
      outcomes = await store.recordInbound(group.map((entry) => entry.body));
    } catch (error) {
      onGroupFailed(error);
      for (const entry of group) await writeAlone(entry);
      return;
    }
    group.forEach((entry, index) => entry.settle(outcomes[index] ?? { ok: false, error: new Error('no outcome for this body') }));
  };

  // One group in flight at a time: what arrives while a group commits (a networked store takes a few round
  // trips) rides in the next group instead of starting a transaction of its own.
  let scheduled = false;
  let writing = false;
  const flush = async () => {
    writing = true;
    try {
      while (pending.length > 0) {
        const taken = pending;
        pending = [];
        for (let start = 0; start < taken.length; start += MAX_INGEST_GROUP) await writeGroup(taken.slice(start, start + MAX_INGEST_GROUP));
      }
    } finally {
      writing = false;
    }
  };
  const schedule = () => {
    if (scheduled || writing) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  };

  return {
    submit(body) {
      return new Promise((settle) => {
        pending.push({ body, settle });
        schedule();
      });
    },
  };
}
