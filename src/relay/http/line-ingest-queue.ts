import type { LineIngestBody, LineIngestOutcome, RelayStore } from '../store/relay-store';

/** A group larger than this is split, so one transaction never holds the write lock for long. */
export const MAX_INGEST_GROUP = 200;

export interface LineIngestQueue {
  /** Resolves once this body is committed (ok) or known not stored (not ok); never rejects. */
  submit(body: LineIngestBody): Promise<LineIngestOutcome>;
}

interface Pending {
  body: LineIngestBody;
  settle: (outcome: LineIngestOutcome) => void;
}

/**
 * Group commit for webhooks: every body that finished arriving in the same turn of the event loop is
 * written in one transaction (setImmediate: no timer, no added wait when the relay is quiet). Each caller
 * is answered only after the commit that holds its body. When the group as a whole cannot commit,
 * every body is retried in a transaction of its own, so one bad body never fails the others.
 */
export function createLineIngestQueue(store: RelayStore, onGroupFailed: (error: unknown) => void = () => {}): LineIngestQueue {
  let pending: Pending[] = [];

  const writeAlone = (entry: Pending) => {
    try {
      entry.settle({ ok: true, result: store.recordLineEvents(entry.body.items, entry.body.receivedAt) });
    } catch (error) {
      entry.settle({ ok: false, error });
    }
  };

  const flush = () => {
    const taken = pending;
    pending = [];
    for (let start = 0; start < taken.length; start += MAX_INGEST_GROUP) {
      const group = taken.slice(start, start + MAX_INGEST_GROUP);
      if (group.length === 1) {
        writeAlone(group[0] as Pending);
        continue;
      }
      let outcomes: LineIngestOutcome[];
      try {
        outcomes = store.recordLineEventGroup(group.map((entry) => entry.body));
      } catch (error) {
        onGroupFailed(error);
        group.forEach(writeAlone);
        continue;
      }
      group.forEach((entry, index) => entry.settle(outcomes[index] ?? { ok: false, error: new Error('no outcome for this body') }));
    }
  };

  return {
    submit(body) {
      return new Promise((settle) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ body, settle });
      });
    },
  };
}
