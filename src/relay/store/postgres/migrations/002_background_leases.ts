import type { PgMigration } from '../pg-migrate';

/**
 * PostgreSQL schema version 2: leases on the cluster's background work (quota polling, the payment-reminder
 * sweep, failing sends a dead relay left unconfirmed). One row per kind of work: the relay process holding it
 * and until when (the database's clock, so relays with skewed clocks agree). A holder renews well before
 * `expires_at`; a killed holder stops renewing and another relay takes the work over after expiry (ADR 0015).
 */
export const pgMigration002BackgroundLeases: PgMigration = {
  version: 2,
  name: 'background_leases',
  up: `
    CREATE TABLE relay_leases (
      name TEXT PRIMARY KEY,
      holder TEXT NOT NULL,
      acquired_at TIMESTAMPTZ NOT NULL,
      expires_at TIMESTAMPTZ NOT NULL
    );
  `,
};
