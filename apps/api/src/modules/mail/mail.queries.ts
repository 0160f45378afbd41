import type { Insertable, Kysely } from 'kysely'
import type { DB, MailMessageTable } from '../../db/schema.js'

export const insertMailMessage = (db: Kysely<DB>, row: Insertable<MailMessageTable>) =>
  db.insertInto('mail_message').values(row).returning(['id']).executeTakeFirstOrThrow()
