import type { PgMigration } from '../pg-migrate';

/**
 * PostgreSQL schema version 7: photos and files web chat visitors upload before sending them, as the SQLite
 * store's version 16 holds them (see ../../migrations/016_webchat_uploads.ts). The counts by visitor and by
 * address (rate limits every relay process shares) and the sweep of uploads never sent read the indexes below.
 */
export const pgMigration007WebchatUploads: PgMigration = {
  version: 7,
  name: 'webchat_uploads',
  up: `
    CREATE TABLE webchat_uploads (
      visitor_id TEXT NOT NULL,
      upload_id TEXT NOT NULL,
      media_id TEXT NOT NULL UNIQUE,
      address TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('image', 'file')),
      content_type TEXT NOT NULL,
      size BIGINT NOT NULL,
      file_name TEXT NOT NULL,
      preview_content_type TEXT,
      created_at BIGINT NOT NULL,
      conversation_id TEXT,
      message_id TEXT,
      PRIMARY KEY (visitor_id, upload_id)
    );
    CREATE INDEX webchat_uploads_by_visitor ON webchat_uploads (visitor_id, created_at);
    CREATE INDEX webchat_uploads_by_address ON webchat_uploads (address, created_at);
    CREATE INDEX webchat_uploads_unsent ON webchat_uploads (created_at) WHERE message_id IS NULL;
  `,
};
