import type { RelayStorePart } from './relay-store-parts';
import {
  claimMediaDownloadSync,
  finishMediaDownloadSync,
  getMediaSync,
  getUploadByPublicIdSync,
  getUploadSync,
  mediaBytesStoredSync,
  nextMediaDueAtSync,
  recordUploadSync,
} from './sqlite-media';
import type { SqliteStoreContext } from './sqlite-store-context';

/** The SQLite store's media: customers' content waiting for or done downloading, and agents' uploads. */
export function sqliteMediaPart({ db, write, notify }: SqliteStoreContext): RelayStorePart<'media'> {
  return {
    async recordUpload(record) {
      return write(() => recordUploadSync(db, record));
    },

    async getUpload(uploadId) {
      return getUploadSync(db, uploadId);
    },

    async getUploadByPublicId(publicId) {
      return getUploadByPublicIdSync(db, publicId);
    },

    async claimMediaDownload(input) {
      // Most looks find nothing due: a plain read spares them a write transaction.
      const due = nextMediaDueAtSync(db);
      if (due === null || due > input.now) return null;
      return write(() => claimMediaDownloadSync(db, input));
    },

    async finishMediaDownload(input) {
      const result = write(() => finishMediaDownloadSync(db, input));
      notify(result.appended);
      return result;
    },

    async getMedia(mediaId) {
      return getMediaSync(db, mediaId);
    },

    async mediaBytesStored() {
      return mediaBytesStoredSync(db);
    },

    async nextMediaDueAt() {
      return nextMediaDueAtSync(db);
    },
  };
}
