import type { Migration } from '../migrate';

/**
 * Schema version 6 of the relay store: finds replies left `sending` by a relay that died mid-send
 * without scanning every outbound message (the sweep runs every few seconds).
 */
export const migration006UnconfirmedSends: Migration = {
  version: 6,
  name: 'unconfirmed sends',
  up: `
    CREATE INDEX outbound_messages_sending ON outbound_messages (updated_at) WHERE delivery = 'sending';
  `,
};
