import type pg from 'pg';

/** Prepared once per connection: a relay runs the same few dozen statements all day. */
const statementNames = new Map<string, string>();

function named(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `relay_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name;
}

/** One statement on a pooled or dedicated connection, as a named (prepared) statement. */
export async function query<T>(client: pg.ClientBase | pg.Pool, sql: string, params: readonly unknown[] = []): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
  return client.query<T & pg.QueryResultRow>({ name: named(sql), text: sql, values: params as unknown[] });
}
