import type { ErasureReason } from '@klantreis/shared/participants'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/** The anonymous tombstone of an erasure: study, when, by whom, counts per kind; nothing about the person. */
export const insertTombstone = (
  db: Kysely<DB>,
  t: { studyId: string; erasedBy: string | null; reason: ErasureReason; counts: Record<string, number> },
) =>
  db
    .insertInto('participant_erasure')
    .values({ study_id: t.studyId, erased_by: t.erasedBy, reason: t.reason, counts: JSON.stringify(t.counts) })
    .returning(['id', 'erased_at'])
    .executeTakeFirstOrThrow()
