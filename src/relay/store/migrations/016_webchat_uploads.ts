import type { Migration } from '../migrate';

/**
 * Schema version 16: photos and files web chat visitors upload (`PUT /webchat/uploads/<uploadId>`) before sending
 * them. The id is the visitor's, so a retried upload is stored once; it belongs to that visitor only, and a send
 * attaches it to one message (`message_id`) in the conversation the visitor's socket is in. `media_id` names the
 * file in the media folder and the paths it is served under (agents: `/media/<media_id>` with their token; the
 * visitor's page: `/webchat/media/<media_id>`, once sent). `address` and `created_at` count uploads per visitor and
 * per address (rate limits shared by every relay process); the sizes count against the shop's media storage. An
 * upload never sent is removed after a day.
 */
export const migration016WebchatUploads: Migration = {
  version: 16,
  name: 'webchat_uploads',
  up: `
    CREATE TABLE webchat_uploads (
      visitor_id TEXT NOT NULL,
      upload_id TEXT NOT NULL,
      media_id TEXT NOT NULL UNIQUE,
      address TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('image', 'file')),
      content_type TEXT NOT NULL,
      size INTEGER NOT NULL,
      file_name TEXT NOT NULL,
      preview_content_type TEXT,
      created_at INTEGER NOT NULL,
      conversation_id TEXT,
      message_id TEXT,
      PRIMARY KEY (visitor_id, upload_id)
    );
    CREATE INDEX webchat_uploads_by_visitor ON webchat_uploads (visitor_id, created_at);
    CREATE INDEX webchat_uploads_by_address ON webchat_uploads (address, created_at);
    CREATE INDEX webchat_uploads_unsent ON webchat_uploads (created_at) WHERE message_id IS NULL;
  `,
};
