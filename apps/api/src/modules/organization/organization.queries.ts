import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/** The organization's default retention period (months; null: none). */
export const findRetentionDefault = async (db: Kysely<DB>, organizationId: string) =>
  (
    await db
      .selectFrom('organization')
      .select('retention_months')
      .where('id', '=', organizationId)
      .executeTakeFirstOrThrow()
  ).retention_months

/** Row lock on the organization's row, so two changes of its settings record their from/to one after another. */
export const lockRetentionDefault = async (db: Kysely<DB>, organizationId: string) =>
  (
    await db
      .selectFrom('organization')
      .select('retention_months')
      .where('id', '=', organizationId)
      .forUpdate()
      .executeTakeFirstOrThrow()
  ).retention_months

export const updateRetentionDefault = (db: Kysely<DB>, organizationId: string, months: number | null) =>
  db.updateTable('organization').set({ retention_months: months }).where('id', '=', organizationId).execute()
