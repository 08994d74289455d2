import type { RelayStorePart } from '../relay-store-parts';
import * as media from './pg-media';
import type { PgStoreContext } from './pg-store-context';

/** The PostgreSQL store's media: customers' content waiting for or done downloading, and agents' uploads. */
export function pgMediaPart({ reader, write, writeResult }: PgStoreContext): RelayStorePart<'media'> {
  return {
    recordUpload(record) {
      return writeResult((tx) => media.recordUpload(tx, record));
    },

    getUpload(uploadId) {
      return media.getUpload(reader, uploadId);
    },

    getUploadByPublicId(publicId) {
      return media.getUploadByPublicId(reader, publicId);
    },

    async claimMediaDownload(input) {
      // Most looks find nothing due: a plain read spares them a transaction.
      const due = await media.nextMediaDueAt(reader);
      if (due === null || due > input.now) return null;
      return writeResult((tx) => media.claimMediaDownload(tx, input));
    },

    async finishMediaDownload(input) {
      const { result, appended } = await write((tx) => media.finishMediaDownload(tx, input));
      return { ...result, appended };
    },

    getMedia(mediaId) {
      return media.getMedia(reader, mediaId);
    },

    mediaBytesStored() {
      return media.mediaBytesStored(reader);
    },

    nextMediaDueAt() {
      return media.nextMediaDueAt(reader);
    },
  };
}
