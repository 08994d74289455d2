import { deleteLocalDatabaseFiles, openLocalDatabase, type LocalDatabase } from './database';
import { resetSendingOutboxItems } from './outbox';

/** Owns the open local database; sign-out swaps it for a fresh empty one, so users hold this, not the db. */
export class LocalStoreHandle {
  private db: LocalDatabase;

  constructor(private readonly dataDir: string) {
    this.db = LocalStoreHandle.open(dataDir);
  }

  private static open(dataDir: string): LocalDatabase {
    const db = openLocalDatabase(dataDir);
    // Nothing is in flight at start; the relay dedupes by mutation id, so resending is safe.
    resetSendingOutboxItems(db);
    return db;
  }

  current(): LocalDatabase {
    return this.db;
  }

  /** Deletes the store files and opens an empty store in their place. */
  wipe(): void {
    this.db.close();
    deleteLocalDatabaseFiles(this.dataDir);
    this.db = LocalStoreHandle.open(this.dataDir);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
