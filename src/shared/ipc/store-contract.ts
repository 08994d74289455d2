import { z } from 'zod';

/** The local store's state: `damaged` when SQLite found it unreadable (on open or while running). */
export const storeHealthSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  z.object({
    state: z.literal('damaged'),
    /** SQLite's finding, for support (the screen explains it in the agent's language). */
    reason: z.string(),
    detectedAt: z.number().int(),
  }),
]);
export type StoreHealth = z.infer<typeof storeHealthSchema>;

export const storeRecoverySchema = z.object({
  /** Where the unsent items read out of the damaged store were saved (JSON, in the data folder). */
  unsentFile: z.string(),
  /** The damaged store, kept under another name; null when there was no file left to keep. */
  damagedCopy: z.string().nullable(),
  /** Unsent items read out of the damaged store … */
  savedItems: z.number().int().nonnegative(),
  /** … and how many of them are queued again in the fresh store (under their mutation ids). */
  requeuedItems: z.number().int().nonnegative(),
  /** What could not be read (the file has the details). */
  readErrors: z.array(z.string()),
});
export type StoreRecovery = z.infer<typeof storeRecoverySchema>;

const failure = z.object({ ok: z.literal(false), code: z.string(), message: z.string() });

export const storeIpcContract = {
  'store:health': { input: z.object({}), output: storeHealthSchema },
  /**
   * "Keep a copy and resync": saves the unsent items to a file, keeps the damaged store under another name,
   * starts a fresh store with the unsent items queued again, and resyncs from the relay.
   */
  'store:recover': {
    input: z.object({}),
    output: z.union([z.object({ ok: z.literal(true), recovery: storeRecoverySchema }), failure]),
  },
} as const;
