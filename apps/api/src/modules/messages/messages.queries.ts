import { type Kysely, sql } from 'kysely'
import { exactTimestamp } from '../../db/helpers.js'
import type { DB } from '../../db/schema.js'

type Subjects = { nl: string; en: string }

/** Runs an INSERT (without RETURNING) and says how many rows it wrote. */
const countInserted = async (db: Kysely<DB>, insert: ReturnType<typeof sql>) =>
  (await sql<{ n: number }>`with rows as (${insert} returning 1) select count(*)::int as n from rows`.execute(db))
    .rows[0]!.n
const subjectFor = (s: Subjects) => sql<string>`case p.language when 'nl' then ${s.nl}::text else ${s.en}::text end`

// ---------------------------------------------------------------- sends

export const insertSend = (
  db: Kysely<DB>,
  s: { studyId: string; kind: string; surveyId: string | null; content: unknown; createdBy: string | null },
) =>
  db
    .insertInto('message_send')
    .values({
      study_id: s.studyId,
      kind: s.kind,
      survey_id: s.surveyId,
      content: JSON.stringify(s.content),
      created_by: s.createdBy,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow()

export const setSendTotal = (db: Kysely<DB>, sendId: string, total: number) =>
  db.updateTable('message_send').set({ total }).where('id', '=', sendId).execute()

/** How many of the given ids are participants of this study (a foreign id is refused, not skipped). */
export const countParticipantsIn = async (db: Kysely<DB>, studyId: string, ids: string[]) =>
  Number(
    (
      await db
        .selectFrom('participant')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('study_id', '=', studyId)
        .where('id', '=', sql<string>`any(${ids}::uuid[])`)
        .executeTakeFirstOrThrow()
    ).n,
  )

/**
 * One outbox row per recipient, in one statement (100k participants is one INSERT … SELECT).
 * Who cannot be mailed is written too, as suppressed with the reason, so the analyst sees why.
 */
export async function insertSendMessages(
  db: Kysely<DB>,
  m: {
    sendId: string
    organizationId: string
    studyId: string
    kind: 'diary_invitation' | 'survey_invitation' | 'feedback'
    surveyId: string | null
    subjects: Subjects
    participantIds: string[] | 'all' | 'contributors'
  },
) {
  const who = m.participantIds
  const suppressed = sql<string | null>`case
      when p.unsubscribed_at is not null then 'unsubscribed'
      ${m.kind === 'survey_invitation' ? sql`when exists (select 1 from survey_response r where r.survey_id = ${m.surveyId}::uuid and r.participant_id = p.id and r.status = 'complete') then 'already answered'` : sql``}
      else null end`
  return countInserted(
    db,
    sql`insert into mail_message (organization_id, study_id, participant_id, survey_id, send_id, kind, to_address, subject, language, status, error)
      select ${m.organizationId}::uuid, p.study_id, p.id, ${m.surveyId}::uuid, ${m.sendId}::uuid, ${m.kind}, p.email, ${subjectFor(m.subjects)}, p.language,
             case when s.reason is null then 'queued' else 'suppressed' end, s.reason
      from participant p
      cross join lateral (select ${suppressed} as reason) s
      where p.study_id = ${m.studyId}::uuid
        ${Array.isArray(who) ? sql`and p.id = any(${who}::uuid[])` : sql``}
        ${
          who === 'contributors'
            ? sql`and (exists (select 1 from diary_entry e where e.participant_id = p.id and e.deleted_at is null)
                    or exists (select 1 from survey_response r where r.participant_id = p.id and r.status = 'complete'))`
            : sql``
        }`,
  )
}

export const listSends = (db: Kysely<DB>, studyId: string, q: { limit: number; after?: readonly [string, string] }) =>
  db
    .selectFrom('message_send as s')
    .selectAll('s')
    .select(exactTimestamp('s.created_at').as('created_key'))
    .select(sendCounts)
    .where('s.study_id', '=', studyId)
    .$if(!!q.after, (b) =>
      b.where(sql<boolean>`(s.created_at, s.id) < (${q.after![0]}::timestamptz, ${q.after![1]}::uuid)`),
    )
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(q.limit + 1)
    .execute()

export const findSend = (db: Kysely<DB>, studyId: string, sendId: string) =>
  db
    .selectFrom('message_send as s')
    .selectAll('s')
    .select(sendCounts)
    .where('s.study_id', '=', studyId)
    .where('s.id', '=', sendId)
    .executeTakeFirst()

/** The progress of a send, counted from its rows (the index on (send_id, status) keeps this cheap). */
function sendCounts() {
  const n = (status: string) =>
    sql<number>`(select count(*)::int from mail_message m where m.send_id = s.id and m.status = ${status})`
  return [
    n('queued').as('queued'),
    n('sending').as('sending'),
    n('sent').as('sent'),
    n('failed').as('failed'),
    n('suppressed').as('suppressed'),
  ] as const
}

// ---------------------------------------------------------------- the log

export const listMessages = (
  db: Kysely<DB>,
  studyId: string,
  q: {
    limit: number
    after?: readonly [string, string]
    participantId?: string
    sendId?: string
    status?: string
    kind?: string
  },
) =>
  db
    .selectFrom('mail_message as m')
    .leftJoin('participant as p', 'p.id', 'm.participant_id')
    .select([
      'm.id',
      'm.kind',
      'm.status',
      'm.survey_id',
      'm.send_id',
      'm.language',
      'm.subject',
      'm.attempts',
      'm.error',
      'm.links_replaced',
      'm.due_at',
      'm.sent_at',
      'm.created_at',
      'p.id as participant_id',
      'p.name as participant_name',
      'p.email as participant_email',
    ])
    .select(exactTimestamp('m.created_at').as('created_key'))
    .where('m.study_id', '=', studyId)
    .$if(!!q.participantId, (b) => b.where('m.participant_id', '=', q.participantId!))
    .$if(!!q.sendId, (b) => b.where('m.send_id', '=', q.sendId!))
    .$if(!!q.status, (b) => b.where('m.status', '=', q.status as 'queued'))
    .$if(!!q.kind, (b) => b.where('m.kind', '=', q.kind!))
    .$if(!!q.after, (b) =>
      b.where(sql<boolean>`(m.created_at, m.id) < (${q.after![0]}::timestamptz, ${q.after![1]}::uuid)`),
    )
    .orderBy('m.created_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(q.limit + 1)
    .execute()

// ---------------------------------------------------------------- composing a participant mail (the outbox row itself is modules/mail)

/** Everything a participant mail is rendered from, read when it is sent. */
export const findMailContext = (db: Kysely<DB>, messageId: string) =>
  db
    .selectFrom('mail_message as m')
    .innerJoin('participant as p', 'p.id', 'm.participant_id')
    .innerJoin('study as st', 'st.id', 'p.study_id')
    .innerJoin('organization as o', 'o.id', 'st.organization_id')
    .leftJoin('survey as sv', 'sv.id', 'm.survey_id')
    .leftJoin('diary as d', 'd.study_id', 'st.id')
    .leftJoin('message_send as ms', 'ms.id', 'm.send_id')
    .select([
      'p.id as participant_id',
      'p.email',
      'p.name',
      'p.language',
      'p.unsubscribed_at',
      'p.finished_at',
      'p.time_zone',
      'st.title as study_title',
      'o.name as organization_name',
      'sv.title as survey_title',
      'sv.status as survey_status',
      'd.starts_on',
      'd.ends_on',
      'd.time_zone as diary_time_zone',
      'ms.content',
    ])
    .select((eb) =>
      eb
        .selectFrom('survey_response as r')
        .select('r.status')
        .whereRef('r.survey_id', '=', 'm.survey_id')
        .whereRef('r.participant_id', '=', 'm.participant_id')
        .limit(1)
        .as('response_status'),
    )
    .where('m.id', '=', messageId)
    .executeTakeFirst()

export const setUnsubscribeToken = (db: Kysely<DB>, id: string, hash: string, subject: string) =>
  db.updateTable('mail_message').set({ unsubscribe_token_hash: hash, subject }).where('id', '=', id).execute()

export const setLinksReplaced = (db: Kysely<DB>, id: string, n: number) =>
  db.updateTable('mail_message').set({ links_replaced: n }).where('id', '=', id).execute()

// ---------------------------------------------------------------- unsubscribe

export const findByUnsubscribeToken = (db: Kysely<DB>, hash: string) =>
  db
    .selectFrom('mail_message as m')
    .innerJoin('participant as p', 'p.id', 'm.participant_id')
    .innerJoin('study as st', 'st.id', 'p.study_id')
    .innerJoin('organization as o', 'o.id', 'st.organization_id')
    .select([
      'p.id as participant_id',
      'p.language',
      'p.unsubscribed_at',
      'st.title as study_title',
      'o.name as organization_name',
    ])
    .where('m.unsubscribe_token_hash', '=', hash)
    .executeTakeFirst()

/** No more mail: the participant is marked, and what is still waiting for them is suppressed with the reason. */
export async function unsubscribeParticipant(
  db: Kysely<DB>,
  participantId: string,
  reason: 'link' | 'one_click' | 'researcher',
  now: Date,
) {
  await db
    .updateTable('participant')
    .set({ unsubscribed_at: now, unsubscribe_reason: reason })
    .where('id', '=', participantId)
    .where('unsubscribed_at', 'is', null)
    .execute()
  await db
    .updateTable('mail_message')
    .set({ status: 'suppressed', error: 'unsubscribed' })
    .where('participant_id', '=', participantId)
    .where('status', '=', 'queued')
    .execute()
}

export const resubscribeParticipant = (db: Kysely<DB>, participantId: string) =>
  db
    .updateTable('participant')
    .set({ unsubscribed_at: null, unsubscribe_reason: null })
    .where('id', '=', participantId)
    .execute()

// ---------------------------------------------------------------- scheduling

/** Studies whose diary has prompt times and may be running somewhere on earth now (±1 day for time zones). */
export const studiesWithPrompts = (db: Kysely<DB>, now: Date) =>
  db
    .selectFrom('diary as d')
    .innerJoin('study as st', 'st.id', 'd.study_id')
    .innerJoin('organization as o', 'o.id', 'st.organization_id')
    .select(['st.id as study_id', 'st.organization_id', 'st.title as study_title', 'o.name as organization_name'])
    .where(sql<boolean>`cardinality(d.prompt_times) > 0`)
    .where(sql<boolean>`d.starts_on <= (${now}::timestamptz at time zone 'UTC')::date + 1`)
    .where(sql<boolean>`d.ends_on >= (${now}::timestamptz at time zone 'UTC')::date - 1`)
    .execute()

/**
 * The diary prompts due now: each prompt time in the participant's own time zone (else the diary's),
 * on the days the diary runs, within an hour after the time (a scheduler that was down longer skips
 * it rather than prompting at night). Only participants who agreed or were invited, who have not
 * finished or unsubscribed. The key (participant, local day, time) makes it once, however often this runs.
 */
export async function insertDuePrompts(
  db: Kysely<DB>,
  study: { studyId: string; organizationId: string; subjects: Subjects },
  now: Date,
) {
  return countInserted(
    db,
    sql`insert into mail_message (organization_id, study_id, participant_id, kind, to_address, subject, language, due_at, dedupe_key)
      select ${study.organizationId}::uuid, p.study_id, p.id, 'diary_prompt', p.email, ${subjectFor(study.subjects)}, p.language, ${now},
             'prompt:' || p.id || ':' || (local.at)::date || ':' || t.at
      from diary d
      join participant p on p.study_id = d.study_id
      cross join lateral (select (${now}::timestamptz at time zone coalesce(p.time_zone, d.time_zone)) as at) local
      cross join lateral unnest(d.prompt_times) as t(at)
      where d.study_id = ${study.studyId}::uuid
        and p.unsubscribed_at is null and p.finished_at is null
        and (p.consented_at is not null
             or exists (select 1 from mail_message i where i.participant_id = p.id and i.kind = 'diary_invitation' and i.status = 'sent'))
        and local.at::date between d.starts_on and d.ends_on
        and local.at::time >= t.at::time
        and local.at::time < t.at::time + interval '1 hour'
      on conflict (dedupe_key) do nothing`,
  )
}

export const surveysWithReminders = (db: Kysely<DB>) =>
  db
    .selectFrom('survey_reminder as r')
    .innerJoin('survey as sv', 'sv.id', 'r.survey_id')
    .innerJoin('study as st', 'st.id', 'sv.study_id')
    .innerJoin('organization as o', 'o.id', 'st.organization_id')
    .select([
      'r.survey_id',
      'r.max_reminders',
      'r.interval_hours',
      'sv.title as survey_title',
      'st.id as study_id',
      'st.title as study_title',
      'st.organization_id',
      'o.name as organization_name',
    ])
    .where('r.enabled', '=', true)
    .where('sv.status', '=', 'open')
    .execute()

/**
 * Reminders due now: to those who were sent the survey's invitation, have not completed it and did
 * not unsubscribe; at most `max`, each `interval` after the last invitation or reminder sent. The
 * key (survey, participant, number) makes each reminder once.
 */
export async function insertDueReminders(
  db: Kysely<DB>,
  r: {
    surveyId: string
    studyId: string
    organizationId: string
    max: number
    intervalHours: number
    subjects: Subjects
  },
  now: Date,
) {
  return countInserted(
    db,
    sql`insert into mail_message (organization_id, study_id, participant_id, survey_id, kind, to_address, subject, language, due_at, dedupe_key)
      select ${r.organizationId}::uuid, p.study_id, p.id, ${r.surveyId}::uuid, 'reminder', p.email, ${subjectFor(r.subjects)}, p.language, ${now},
             'reminder:' || ${r.surveyId}::text || ':' || p.id || ':' || (h.reminders + 1)
      from participant p
      cross join lateral (
        select max(m.sent_at) as last_sent,
               count(*) filter (where m.kind = 'reminder')::int as reminders,
               count(*) filter (where m.kind = 'survey_invitation')::int as invitations
        from mail_message m
        where m.participant_id = p.id and m.survey_id = ${r.surveyId}::uuid and m.status = 'sent' and m.kind in ('survey_invitation', 'reminder')
      ) h
      where p.study_id = ${r.studyId}::uuid
        and p.unsubscribed_at is null
        and h.invitations > 0
        and h.reminders < ${r.max}
        and h.last_sent <= ${now}::timestamptz - make_interval(hours => ${r.intervalHours})
        and not exists (select 1 from survey_response x where x.survey_id = ${r.surveyId}::uuid and x.participant_id = p.id and x.status = 'complete')
      on conflict (dedupe_key) do nothing`,
  )
}

export const findReminderSettings = (db: Kysely<DB>, surveyId: string) =>
  db.selectFrom('survey_reminder').selectAll().where('survey_id', '=', surveyId).executeTakeFirst()

export const upsertReminderSettings = (
  db: Kysely<DB>,
  surveyId: string,
  s: { enabled: boolean; maxReminders: number; intervalHours: number },
) =>
  db
    .insertInto('survey_reminder')
    .values({ survey_id: surveyId, enabled: s.enabled, max_reminders: s.maxReminders, interval_hours: s.intervalHours })
    .onConflict((oc) =>
      oc.column('survey_id').doUpdateSet({
        enabled: s.enabled,
        max_reminders: s.maxReminders,
        interval_hours: s.intervalHours,
        updated_at: new Date(),
      }),
    )
    .execute()

export const findOrganizationName = async (db: Kysely<DB>, organizationId: string) =>
  (await db.selectFrom('organization').select('name').where('id', '=', organizationId).executeTakeFirst())?.name
