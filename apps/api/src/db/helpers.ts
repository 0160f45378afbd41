import { DummyDriver, Kysely, sql, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import type { Pool, QueryResultRow } from 'pg'
import type { DB } from './schema.js'

/**
 * A timestamptz as PostgreSQL's own text (microseconds kept). Keyset cursors built from a JS Date
 * would round to milliseconds and skip rows created within the same millisecond.
 */
export const exactTimestamp = (column: string) => sql<string>`${sql.ref(column)}::text`

/**
 * A Kysely-built query sent as a named prepared statement: PostgreSQL parses and plans it once
 * per connection instead of on every call. For the few statements on every request's path.
 * The builder is compiled once with placeholder values; callers pass the real ones in order.
 */
export function prepared<Row>(name: string, query: { compile(): { sql: string } }) {
  const text = query.compile().sql
  return async (pool: Pool, values: unknown[]) =>
    (await pool.query<Row & QueryResultRow>({ name, text, values })).rows as Row[]
}

/** Builds and compiles queries without a connection (Kysely's "split build and execution" recipe). */
export const queryBuilder = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})
