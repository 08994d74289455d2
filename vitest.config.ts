import { defineConfig } from 'vitest/config';

/**
 * The relay's integration tests and its store's tests, run on both backends: the same files, parametrised by
 * RELAY_TEST_BACKEND (tests/support/relay-backend.ts).
 */
const RELAY_SUITE = [
  'tests/integration/relay/**/*.test.ts',
  'tests/integration/webchat/**/*.test.ts',
  'tests/integration/tags/**/*.test.ts',
  // The store's own tests (tests/unit/relay/store-fixture.ts opens the backend of the project running them).
  'tests/unit/relay/{store-*,reply-freshness,unconfirmed-sends,line-ingest-group,agent-tokens,team-report,visitor-upload-sweep}.test.ts',
  'tests/unit/relay/webchat/visitor-namespace.test.ts',
  // Fault tests whose relay runs on the backend of the project (the others read the relay's SQLite file).
  'tests/integration/faults/{team-merge,suggestion-feedback-offline,media-download-kill}.test.ts',
];
/** Tests of what only the PostgreSQL backend has (migrations, migrate-to, relay processes sharing one database). */
const POSTGRES_ONLY = ['tests/integration/postgres/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          // The first test of a file that suggests builds the built-in intent classifier (about 2 s idle); on a
          // shared machine running other suites it can take several times that.
          testTimeout: 20_000,
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: [...POSTGRES_ONLY],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          // Conditions are waited for, never slept for: on a busy shared machine they may take seconds.
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        // The relay's integration suite again, on a real PostgreSQL server this project starts and stops
        // (tests/support/postgres-global-setup.ts), plus the tests only PostgreSQL has (several relay processes).
        test: {
          name: 'integration-postgres',
          include: [...RELAY_SUITE, ...POSTGRES_ONLY],
          environment: 'node',
          env: { RELAY_TEST_BACKEND: 'postgres' },
          globalSetup: ['tests/support/postgres-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          expect: { poll: { timeout: 15_000 } },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
