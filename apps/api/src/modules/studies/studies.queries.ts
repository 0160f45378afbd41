import { type Kysely, sql } from 'kysely'
import { exactTimestamp } from '../../db/helpers.js'
import type { DB, StudyTable } from '../../db/schema.js'
import type { Updateable } from 'kysely'

export const listStudies = (
  db: Kysely<DB>,
  organizationId: string,
  q: { limit: number; after?: readonly [string, string]; status?: string; only?: readonly string[] | null },
) =>
  db
    .selectFrom('study')
    .selectAll()
    .select(exactTimestamp('created_at').as('created_key'))
    .where('organization_id', '=', organizationId)
    // a member limited to some studies lists only those (an empty list: none)
    .$if(!!q.only, (b) => b.where(sql<boolean>`id = any(${q.only!}::uuid[])`))
    .$if(!!q.status, (b) => b.where('status', '=', q.status!))
    .$if(!!q.after, (b) =>
      b.where(sql<boolean>`(created_at, id) < (${q.after![0]}::timestamptz, ${q.after![1]}::uuid)`),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute()

export const findStudy = (db: Kysely<DB>, organizationId: string, studyId: string) =>
  db
    .selectFrom('study')
    .selectAll()
    .where('id', '=', studyId)
    .where('organization_id', '=', organizationId)
    .executeTakeFirst()

/** What a participant sees of their study; a participant's study exists, so no organization check. */
export const findStudyForParticipant = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('study').select(['title', 'languages']).where('id', '=', studyId).executeTakeFirstOrThrow()

/** Row lock on the study: serializes reorders of its model. */
export const lockStudy = (db: Kysely<DB>, organizationId: string, studyId: string) =>
  db
    .selectFrom('study')
    .select('id')
    .where('id', '=', studyId)
    .where('organization_id', '=', organizationId)
    .forUpdate()
    .executeTakeFirst()

export const insertStudy = (
  db: Kysely<DB>,
  organizationId: string,
  s: {
    title: string
    goal: string
    loyaltyMetrics: string[]
    scope: string
    customerJob: string
    languages: string[]
    status: string
  },
) =>
  db
    .insertInto('study')
    .values({
      organization_id: organizationId,
      title: s.title,
      goal: s.goal,
      loyalty_metrics: s.loyaltyMetrics,
      scope: s.scope,
      customer_job: s.customerJob,
      languages: s.languages,
      status: s.status,
    })
    .returningAll()
    .executeTakeFirstOrThrow()

export const updateStudy = (db: Kysely<DB>, organizationId: string, studyId: string, patch: Updateable<StudyTable>) =>
  db
    .updateTable('study')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', studyId)
    .where('organization_id', '=', organizationId)
    .returningAll()
    .executeTakeFirst()

export const deleteStudy = (db: Kysely<DB>, organizationId: string, studyId: string) =>
  db
    .deleteFrom('study')
    .where('id', '=', studyId)
    .where('organization_id', '=', organizationId)
    .returning('id')
    .executeTakeFirst()

/** The study's row under a row lock, so an update records its from/to (status, retention) one after another. */
export const lockStudyRow = (db: Kysely<DB>, organizationId: string, studyId: string) =>
  db
    .selectFrom('study')
    .selectAll()
    .where('id', '=', studyId)
    .where('organization_id', '=', organizationId)
    .forUpdate()
    .executeTakeFirst()

/** How many participants a study has, for the audit event of its deletion (their rows go with it by cascade). */
export const countStudyParticipants = async (db: Kysely<DB>, studyId: string) =>
  Number(
    (
      await db
        .selectFrom('participant')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('study_id', '=', studyId)
        .executeTakeFirstOrThrow()
    ).n,
  )

/**
 * Retention: every closed study, across organizations, to which a period applies (its own, else its
 * organization's default) with that period; the sweep computes each one's date (retention.ts).
 */
export const listClosedStudiesWithRetention = (db: Kysely<DB>) =>
  db
    .selectFrom('study')
    .innerJoin('organization', 'organization.id', 'study.organization_id')
    .select([
      'study.id',
      'study.organization_id',
      'study.status',
      'study.closed_at',
      (eb) => eb.fn.coalesce('study.retention_months', 'organization.retention_months').as('months'),
    ])
    .where('study.status', '=', 'closed')
    .where('study.closed_at', 'is not', null)
    .where((eb) =>
      eb.or([eb('study.retention_months', 'is not', null), eb('organization.retention_months', 'is not', null)]),
    )
    .orderBy('study.closed_at')
    .execute()

/** A batch of a study's participants left to erase (an erased one's row is gone), skipping those that failed this run. */
export const participantIdsToErase = (db: Kysely<DB>, studyId: string, skip: readonly string[], limit: number) =>
  db
    .selectFrom('participant')
    .select('id')
    .where('study_id', '=', studyId)
    .$if(skip.length > 0, (b) => b.where('id', 'not in', skip))
    .orderBy('id')
    .limit(limit)
    .execute()

/** An export's study (issue 15): its title and languages, within the organization. */
export const findStudyForExport = (db: Kysely<DB>, organizationId: string, studyId: string) =>
  db
    .selectFrom('study')
    .select(['id', 'title', 'languages'])
    .where('organization_id', '=', organizationId)
    .where('id', '=', studyId)
    .executeTakeFirst()
