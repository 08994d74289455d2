import type { Migration } from '../migrate';

/**
 * Schema version 7 of the local store: each conversation's reply window in its channel's terms, from
 * `conversation.replyWindow` (protocol 2). LINE keeps `reply_window_opened_at` (its token); Messenger and
 * Instagram get Meta's time of the customer's last message (Meta's clock, which the relay compares with its
 * own) and whether the page may use the HUMAN_AGENT tag; web chat gets whether the visitor's page is
 * connected. Existing rows start with "nothing known": no customer message, no human-agent permission,
 * visitor offline — the next event of the conversation fills them in.
 */
export const migration007ChannelWindows: Migration = {
  version: 7,
  name: 'channel_windows',
  up: `
    ALTER TABLE conversations ADD COLUMN meta_last_customer_message_at INTEGER;
    ALTER TABLE conversations ADD COLUMN meta_human_agent_allowed INTEGER NOT NULL DEFAULT 0
      CHECK (meta_human_agent_allowed IN (0, 1));
    ALTER TABLE conversations ADD COLUMN webchat_visitor_online INTEGER NOT NULL DEFAULT 0
      CHECK (webchat_visitor_online IN (0, 1));
    CREATE INDEX conversations_by_channel ON conversations (channel, last_message_at DESC, id DESC);
  `,
};
