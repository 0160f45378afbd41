import { sql } from 'kysely'

/**
 * A timestamptz as PostgreSQL's own text (microseconds kept). Keyset cursors built from a JS Date
 * would round to milliseconds and skip rows created within the same millisecond.
 */
export const exactTimestamp = (column: string) => sql<string>`${sql.ref(column)}::text`
