import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { deleteLocalDatabaseFiles, localDatabasePath, openLocalDatabase, type LocalDatabase } from './database';
import { countPendingOutbox, resetSendingOutboxItems } from './outbox';
import { isStoreDamageError, openPlaceholderStore, quickCheckFindings } from './store-damage';
import { classifyOlderCustomerMessages } from '../workflow/needs-reply-backfill';
import { nothingSalvaged, restoreSalvage, salvageUnsent, writeSalvageFile, type Salvage } from './unsent-salvage';

export interface StoreDamage {
  reason: string;
  detectedAt: number;
}

export interface StoreRecovery {
  /** The JSON file with the unsent items read out of the damaged store. */
  unsentFile: string;
  /** The damaged store, renamed (not deleted). */
  damagedCopy: string | null;
  savedItems: number;
  requeuedItems: number;
  readErrors: string[];
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Owns the open local database; sign-out swaps it for a fresh empty one, so users hold this, not the db.
 * A store found damaged (on open, or by an error while running) is closed and replaced by an empty
 * in-memory placeholder until the agent chooses to repair it (`recover`): nothing writes to it meanwhile.
 */
export class LocalStoreHandle {
  private db: LocalDatabase;
  private damage: StoreDamage | null = null;

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.db = this.openChecked();
  }

  private openChecked(): LocalDatabase {
    let db: LocalDatabase;
    try {
      db = openLocalDatabase(this.dataDir);
    } catch (error) {
      if (!isStoreDamageError(error)) throw error;
      this.damage = { reason: describe(error), detectedAt: this.now() };
      return openPlaceholderStore();
    }
    let findings: string | null;
    try {
      findings = quickCheckFindings(db);
    } catch (error) {
      if (!isStoreDamageError(error)) throw error;
      findings = describe(error);
    }
    if (findings !== null) {
      db.close();
      this.damage = { reason: findings, detectedAt: this.now() };
      return openPlaceholderStore();
    }
    // Nothing is in flight at start; the relay dedupes by mutation id, so resending is safe.
    resetSendingOutboxItems(db);
    classifyOlderCustomerMessages(db);
    return db;
  }

  current(): LocalDatabase {
    return this.db;
  }

  damaged(): StoreDamage | null {
    return this.damage;
  }

  /** An error while running showed the store is damaged: stop using it (kept on disk for `recover`). */
  markDamaged(error: unknown): void {
    if (this.damage) return;
    this.damage = { reason: describe(error), detectedAt: this.now() };
    this.closeQuietly();
    this.db = openPlaceholderStore();
  }

  /**
   * The agent's "keep a copy and resync": saves the unsent items still readable to a JSON file in the data
   * folder first, then renames the damaged store aside, opens a fresh one and puts the saved items back
   * (queued under their mutation ids). The caller resyncs from the relay.
   */
  recover(): StoreRecovery {
    if (!this.damage) throw new Error('The local store is not damaged');
    const at = this.now();
    const salvage = this.salvageFromFile();
    const unsentFile = writeSalvageFile(this.dataDir, salvage, 'damaged_store', at);
    this.closeQuietly();
    const damagedCopy = this.moveDamagedFilesAside(at);
    this.damage = null;
    this.db = this.openChecked();
    const requeuedItems = restoreSalvage(this.db, salvage);
    return { unsentFile, damagedCopy, savedItems: salvage.rows.outbox.length, requeuedItems, readErrors: salvage.readErrors };
  }

  /**
   * Sign-out deletes the store; unsent items are written to a file first (never dropped silently).
   * Returns the file, or null when nothing was waiting.
   */
  saveUnsentBeforeWipe(): { file: string; count: number } | null {
    const salvage = this.damage ? this.salvageFromFile() : salvageUnsent(this.db);
    const unsent = salvage.rows.outbox.length;
    if (unsent === 0) return null;
    return { file: writeSalvageFile(this.dataDir, salvage, 'sign_out', this.now()), count: unsent };
  }

  /** Replies, tag changes and orders not yet accepted by the relay (0 while the store is damaged). */
  pendingCount(): number {
    return countPendingOutbox(this.db);
  }

  /** Deletes the store files and opens an empty store in their place. */
  wipe(): void {
    this.closeQuietly();
    deleteLocalDatabaseFiles(this.dataDir);
    this.damage = null;
    this.db = this.openChecked();
  }

  close(): void {
    this.closeQuietly();
  }

  private salvageFromFile(): Salvage {
    let damaged: LocalDatabase | null = null;
    try {
      damaged = new Database(localDatabasePath(this.dataDir), { readonly: true, fileMustExist: true });
      return salvageUnsent(damaged);
    } catch (error) {
      return nothingSalvaged(`store: ${describe(error)}`);
    } finally {
      damaged?.close();
    }
  }

  private moveDamagedFilesAside(at: number): string | null {
    const path = localDatabasePath(this.dataDir);
    if (!existsSync(path)) return null;
    const copy = `${path}.damaged-${new Date(at).toISOString().replace(/[:.]/g, '-')}`;
    renameSync(path, copy);
    // The WAL holds committed pages of the same store: it belongs with the copy. The -shm index is rebuilt.
    if (existsSync(`${path}-wal`)) renameSync(`${path}-wal`, `${copy}-wal`);
    rmSync(`${path}-shm`, { force: true });
    return copy;
  }

  private closeQuietly(): void {
    try {
      if (this.db.open) this.db.close();
    } catch {
      // A damaged store may fail even to close; the handle is dropped either way.
    }
  }
}
