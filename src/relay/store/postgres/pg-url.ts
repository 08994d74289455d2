/** Where the relay's tables live: a database (from the URL) and one schema in it. */
export interface PostgresTarget {
  /** The URL as pg takes it (without our `schema` parameter). */
  connectionString: string;
  /** The schema holding the relay's tables (`public` unless the URL says `?schema=…`). */
  schema: string;
  /** host:port/database, for logs and /healthz — never the password. */
  displayName: string;
}

export class PostgresUrlError extends Error {}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Parses RELAY_DATABASE_URL: `postgres://user:password@host:5432/database[?schema=name&sslmode=…]`.
 * `schema` lets several relays (several shops, or tests) share one database, each in its own schema; every
 * other parameter goes to the driver unchanged.
 */
export function parsePostgresUrl(url: string): PostgresTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new PostgresUrlError('RELAY_DATABASE_URL is not a URL (expected postgres://user:password@host:5432/database)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new PostgresUrlError(`RELAY_DATABASE_URL must start with postgres:// (got ${parsed.protocol}//)`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (database === '') throw new PostgresUrlError('RELAY_DATABASE_URL names no database (postgres://…/DATABASE)');
  const schema = parsed.searchParams.get('schema') ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new PostgresUrlError(`RELAY_DATABASE_URL: schema "${schema.slice(0, 80)}" must be lower-case letters, digits and _ (at most 63)`);
  }
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema, displayName: `${parsed.hostname}:${parsed.port || '5432'}/${database}` };
}
