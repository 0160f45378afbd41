import { type Kysely, sql } from 'kysely'
import { exactTimestamp, prepared } from '../../db/helpers.js'
import type { Pool } from 'pg'
import type { DB } from '../../db/schema.js'
import { dayWithin, type ExportRowFilter, participantMatches } from '../../db/export-filters.js'

export const findDiary = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('diary').selectAll().where('study_id', '=', studyId).executeTakeFirst()

export const upsertDiary = (
  db: Kysely<DB>,
  studyId: string,
  d: {
    title: string
    instructions: string
    startsOn: string
    endsOn: string
    timeZone: string
    promptTimes: string[]
    form: Record<string, string>
  },
) =>
  db
    .insertInto('diary')
    .values({
      study_id: studyId,
      title: d.title,
      instructions: d.instructions,
      starts_on: d.startsOn,
      ends_on: d.endsOn,
      time_zone: d.timeZone,
      prompt_times: d.promptTimes,
      form: JSON.stringify(d.form),
    })
    .onConflict((oc) =>
      oc.column('study_id').doUpdateSet((eb) => ({
        title: eb.ref('excluded.title'),
        instructions: eb.ref('excluded.instructions'),
        starts_on: eb.ref('excluded.starts_on'),
        ends_on: eb.ref('excluded.ends_on'),
        time_zone: eb.ref('excluded.time_zone'),
        prompt_times: eb.ref('excluded.prompt_times'),
        form: eb.ref('excluded.form'),
        updated_at: new Date(),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow()

/** Stages with their touchpoints, for the participant's picker. */
export const listModelForPicker = async (db: Kysely<DB>, studyId: string) => {
  const [stages, touchpoints] = await Promise.all([
    db
      .selectFrom('stage')
      .select(['id', 'name'])
      .where('study_id', '=', studyId)
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('touchpoint')
      .select(['id', 'name', 'channel', 'stage_id'])
      .where('study_id', '=', studyId)
      .orderBy('position')
      .orderBy('id')
      .execute(),
  ])
  return { stages, touchpoints }
}

const entryColumns = [
  'e.id',
  'e.study_id',
  'e.participant_id',
  'e.occurred_at',
  'e.touchpoint_id',
  'e.proposal_id',
  'e.text',
  'e.emotion',
  'e.valence',
  'e.channel',
  'e.photo_id',
  'e.version',
  'e.deleted_at',
  'e.created_at',
  'e.updated_at',
] as const

const entriesWithProposal = (db: Kysely<DB>) =>
  db
    .selectFrom('diary_entry as e')
    .leftJoin('proposed_touchpoint as pt', 'pt.id', 'e.proposal_id')
    .select(entryColumns)
    .select(['pt.description as proposal_description', 'pt.status as proposal_status'])

export type EntryRow = Awaited<ReturnType<typeof findEntry>> & {}

export const findEntry = (db: Kysely<DB>, entryId: string) =>
  entriesWithProposal(db).where('e.id', '=', entryId).executeTakeFirst()

/** Row lock: concurrent writes of one entry queue up behind each other. */
export const lockEntry = (db: Kysely<DB>, entryId: string) =>
  db.selectFrom('diary_entry').select('id').where('id', '=', entryId).forUpdate().executeTakeFirst()

export const listParticipantEntries = (db: Kysely<DB>, participantId: string) =>
  entriesWithProposal(db)
    .where('e.participant_id', '=', participantId)
    .where('e.deleted_at', 'is', null)
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(1000)
    .execute()

export type EntryValues = {
  occurredAt: string
  touchpointId: string | null
  text: string
  emotion: number | null
  valence: string | null
  channel: string | null
  photoId: string | null
}

/**
 * A new entry in one round trip: prepared, and inserted only when its touchpoint (if any) is one of
 * the study's. Nothing comes back when the id exists already or the touchpoint is foreign.
 */
const newEntry = prepared<Omit<EntryRow, 'proposal_description' | 'proposal_status'>>('insert-new-entry', {
  compile: () => ({
    sql: `insert into diary_entry (id, study_id, participant_id, occurred_at, touchpoint_id, text, emotion, valence, channel)
          select $1::uuid, $2::uuid, $3::uuid, $4::timestamptz, $5::uuid, $6::text, $7::smallint, $8::text, $9::text
          where $5::uuid is null or exists (select 1 from touchpoint t where t.id = $5::uuid and t.study_id = $2::uuid)
          on conflict (id) do nothing
          returning ${entryColumns.map((c) => c.replace('e.', '')).join(', ')}`,
  }),
})
export const insertNewEntry = async (
  pool: Pool,
  id: string,
  studyId: string,
  participantId: string,
  v: Omit<EntryValues, 'photoId'>,
) =>
  (
    await newEntry(pool, [
      id,
      studyId,
      participantId,
      v.occurredAt,
      v.touchpointId,
      v.text,
      v.emotion,
      v.valence,
      v.channel,
    ])
  )[0]

/** The insert that makes a submit idempotent: a second one with the same id changes nothing. */
export const insertEntryOnce = (db: Kysely<DB>, id: string, studyId: string, participantId: string, v: EntryValues) =>
  db
    .insertInto('diary_entry')
    .values({
      id,
      study_id: studyId,
      participant_id: participantId,
      occurred_at: new Date(v.occurredAt),
      touchpoint_id: v.touchpointId,
      text: v.text,
      emotion: v.emotion,
      valence: v.valence,
      channel: v.channel,
      photo_id: v.photoId,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst()

export const updateEntry = (db: Kysely<DB>, id: string, v: EntryValues & { proposalId: string | null }) =>
  db
    .updateTable('diary_entry')
    .set((eb) => ({
      occurred_at: new Date(v.occurredAt),
      touchpoint_id: v.touchpointId,
      proposal_id: v.proposalId,
      text: v.text,
      emotion: v.emotion,
      valence: v.valence,
      channel: v.channel,
      photo_id: v.photoId,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .execute()

/**
 * The participant's own delete is a real one: the row stays only as a tombstone (its id, owner,
 * version and deleted_at, which sync needs to answer a repeated DELETE and refuse a later PUT), its
 * text and what it said go, its photo's bytes go unless another of their entries still shows it, a
 * pending "something else" only this entry proposed goes, and its codings (with their quotes) go.
 */
export async function softDeleteEntry(db: Kysely<DB>, id: string) {
  const gone = await db
    .updateTable('diary_entry as e')
    .from('diary_entry as old')
    .whereRef('old.id', '=', 'e.id')
    .set((eb) => ({
      deleted_at: new Date(),
      version: eb('e.version', '+', 1),
      updated_at: new Date(),
      text: '',
      emotion: null,
      valence: null,
      channel: null,
      photo_id: null,
      proposal_id: null,
    }))
    .where('e.id', '=', id)
    .returning(['old.photo_id as photoId', 'old.proposal_id as proposalId'])
    .executeTakeFirst()
  await db.deleteFrom('coding').where('entry_id', '=', id).execute()
  if (gone?.photoId)
    await db
      .deleteFrom('photo')
      .where('id', '=', gone.photoId)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('diary_entry').select('id').where('photo_id', '=', gone.photoId))),
      )
      .execute()
  if (gone?.proposalId)
    await db
      .deleteFrom('proposed_touchpoint')
      .where('id', '=', gone.proposalId)
      .where('status', '=', 'pending')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('diary_entry').select('id').where('proposal_id', '=', gone.proposalId))),
      )
      .execute()
}

export const setEntryProposal = (db: Kysely<DB>, entryId: string, proposalId: string | null) =>
  db.updateTable('diary_entry').set({ proposal_id: proposalId }).where('id', '=', entryId).execute()

export const insertProposal = (db: Kysely<DB>, studyId: string, description: string) =>
  db
    .insertInto('proposed_touchpoint')
    .values({ study_id: studyId, description })
    .returning('id')
    .executeTakeFirstOrThrow()

export const updateProposalDescription = (db: Kysely<DB>, id: string, description: string) =>
  db
    .updateTable('proposed_touchpoint')
    .set({ description })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute()

export const touchpointInStudy = (db: Kysely<DB>, studyId: string, touchpointId: string) =>
  db
    .selectFrom('touchpoint')
    .select(['id', 'stage_id'])
    .where('study_id', '=', studyId)
    .where('id', '=', touchpointId)
    .executeTakeFirst()

export const photoOfParticipant = (db: Kysely<DB>, participantId: string, photoId: string) =>
  db
    .selectFrom('photo')
    .select(['id', 'content_type', 'bytes'])
    .where('participant_id', '=', participantId)
    .where('id', '=', photoId)
    .executeTakeFirst()

export const photoInStudy = (db: Kysely<DB>, studyId: string, photoId: string) =>
  db
    .selectFrom('photo as ph')
    .innerJoin('participant as p', 'p.id', 'ph.participant_id')
    .select(['ph.id', 'ph.content_type', 'ph.bytes'])
    .where('p.study_id', '=', studyId)
    .where('ph.id', '=', photoId)
    .executeTakeFirst()

export const insertPhoto = (db: Kysely<DB>, participantId: string, contentType: string, bytes: Buffer) =>
  db
    .insertInto('photo')
    .values({ participant_id: participantId, content_type: contentType, bytes })
    .returning('id')
    .executeTakeFirstOrThrow()

export type EntryFilter = {
  limit: number
  after?: readonly [string, string]
  participantId?: string
  personaId?: string
  touchpointId?: string
  stageId?: string
  valence?: string
  from?: string
  to?: string
}

export const listStudyEntries = (db: Kysely<DB>, studyId: string, f: EntryFilter) =>
  entriesWithProposal(db)
    .innerJoin('participant as p', 'p.id', 'e.participant_id')
    .leftJoin('touchpoint as t', 't.id', 'e.touchpoint_id')
    .select(['p.persona_id', 't.stage_id'])
    .select(exactTimestamp('e.occurred_at').as('occurred_key'))
    .where('e.study_id', '=', studyId)
    .where('e.deleted_at', 'is', null)
    .$if(!!f.participantId, (b) => b.where('e.participant_id', '=', f.participantId!))
    .$if(!!f.personaId, (b) => b.where('p.persona_id', '=', f.personaId!))
    .$if(!!f.touchpointId, (b) => b.where('e.touchpoint_id', '=', f.touchpointId!))
    .$if(!!f.stageId, (b) => b.where('t.stage_id', '=', f.stageId!))
    .$if(!!f.valence, (b) => b.where('e.valence', '=', f.valence!))
    .$if(!!f.from, (b) => b.where('e.occurred_at', '>=', new Date(f.from!)))
    .$if(!!f.to, (b) => b.where('e.occurred_at', '<', new Date(f.to!)))
    .$if(!!f.after, (b) =>
      b.where(sql<boolean>`(e.occurred_at, e.id) < (${f.after![0]}::timestamptz, ${f.after![1]}::uuid)`),
    )
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(f.limit + 1)
    .execute()

export const listProposals = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('proposed_touchpoint as pt')
    .selectAll('pt')
    .select((eb) =>
      eb
        .selectFrom('diary_entry as e')
        .whereRef('e.proposal_id', '=', 'pt.id')
        .where('e.deleted_at', 'is', null)
        .select((i) => i.fn.countAll<number>().as('n'))
        .as('entry_count'),
    )
    .where('pt.study_id', '=', studyId)
    .orderBy(sql`pt.status = 'pending'`, 'desc')
    .orderBy('pt.created_at', 'desc')
    .execute()

export const lockProposal = (db: Kysely<DB>, studyId: string, id: string) =>
  db
    .selectFrom('proposed_touchpoint')
    .selectAll()
    .where('study_id', '=', studyId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()

export const resolveProposal = (db: Kysely<DB>, id: string, status: string, touchpointId: string | null) =>
  db
    .updateTable('proposed_touchpoint')
    .set({ status, touchpoint_id: touchpointId, resolved_at: new Date() })
    .where('id', '=', id)
    .execute()

/** Accepted or merged: the entries now point at the model's touchpoint. */
export const repointProposalEntries = (db: Kysely<DB>, proposalId: string, touchpointId: string) =>
  db.updateTable('diary_entry').set({ touchpoint_id: touchpointId }).where('proposal_id', '=', proposalId).execute()

// ---------- exports (issue 15) ----------

/** The moments an export holds: not deleted, within the participant filters and the period (the day it happened). */
const exportedEntries = (db: Kysely<DB>, f: ExportRowFilter) =>
  db
    .selectFrom('diary_entry as e')
    .innerJoin('participant as p', 'p.id', 'e.participant_id')
    .where('e.study_id', '=', f.studyId)
    .where('e.deleted_at', 'is', null)
    .where(participantMatches(f, 'p'))
    .where(dayWithin(f, sql`e.occurred_at`))

export const countEntriesForExport = (db: Kysely<DB>, f: ExportRowFilter) =>
  exportedEntries(db, f)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => r.n)

/** One row per moment, in the order they happened; names and addresses only when the export may hold them. */
export const streamEntriesForExport = (db: Kysely<DB>, f: ExportRowFilter, contact: boolean, chunk: number) =>
  exportedEntries(db, f)
    .leftJoin('proposed_touchpoint as pt', 'pt.id', 'e.proposal_id')
    .leftJoin('photo as ph', 'ph.id', 'e.photo_id')
    .select([
      'e.id',
      'e.participant_id',
      'e.occurred_at',
      'e.created_at',
      'e.touchpoint_id',
      'e.emotion',
      'e.valence',
      'e.channel',
      'e.text',
      'e.photo_id',
      'ph.content_type as photo_type',
      'pt.description as proposed_touchpoint',
      (contact ? sql<string | null>`p.name` : sql<string | null>`null`).as('name'),
      (contact ? sql<string | null>`p.email` : sql<string | null>`null`).as('email'),
      (contact ? sql<string | null>`p.external_ref` : sql<string | null>`null`).as('external_ref'),
    ])
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .stream(chunk)

const exportedPhotos = (db: Kysely<DB>, f: ExportRowFilter) =>
  exportedEntries(db, f).innerJoin('photo as ph', 'ph.id', 'e.photo_id')

export const countPhotosForExport = (db: Kysely<DB>, f: ExportRowFilter) =>
  exportedPhotos(db, f)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => r.n)

/** The photos of those moments with their bytes, a few at a time (a photo is up to megabytes). */
export const streamPhotosForExport = (db: Kysely<DB>, f: ExportRowFilter, chunk: number) =>
  exportedPhotos(db, f)
    .select(['e.id', 'ph.content_type', 'ph.bytes'])
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .stream(chunk)
