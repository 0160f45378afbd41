import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import { dayWithin, type ExportRowFilter, participantMatches } from '../../db/export-filters.js'

// ---------------------------------------------------------------- codebook

export const listCodes = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('code as c')
    .selectAll('c')
    .select((eb) =>
      eb
        .selectFrom('coding_code as cc')
        .whereRef('cc.code_id', '=', 'c.id')
        .select((x) => x.fn.countAll<number>().as('n'))
        .as('uses'),
    )
    .where('c.study_id', '=', studyId)
    .orderBy('c.position')
    .orderBy('c.name')
    .execute()

export const findCode = (db: Kysely<DB>, studyId: string, codeId: string) =>
  db.selectFrom('code').selectAll().where('study_id', '=', studyId).where('id', '=', codeId).executeTakeFirst()

export const countCodesIn = async (db: Kysely<DB>, studyId: string, ids: string[]) =>
  ids.length === 0
    ? 0
    : Number(
        (
          await db
            .selectFrom('code')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('study_id', '=', studyId)
            .where('id', 'in', ids)
            .executeTakeFirstOrThrow()
        ).n,
      )

export const nextCodePosition = async (db: Kysely<DB>, studyId: string) =>
  Number(
    (
      await db
        .selectFrom('code')
        .select((eb) => eb.fn.coalesce(eb.fn.max('position'), sql<number>`-1`).as('p'))
        .where('study_id', '=', studyId)
        .executeTakeFirstOrThrow()
    ).p,
  ) + 1

export const insertCode = (
  db: Kysely<DB>,
  c: {
    studyId: string
    parentId: string | null
    name: string
    description: string
    colour: string
    shortcut: string | null
    position: number
  },
) =>
  db
    .insertInto('code')
    .values({
      study_id: c.studyId,
      parent_id: c.parentId,
      name: c.name,
      description: c.description,
      colour: c.colour,
      shortcut: c.shortcut,
      position: c.position,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

/** Only when the stored version is the one the edit started from: a lost update is refused, not made. */
export const updateCode = (
  db: Kysely<DB>,
  codeId: string,
  baseVersion: number,
  set: Partial<{
    name: string
    description: string
    colour: string
    shortcut: string | null
    parent_id: string | null
  }>,
) =>
  db
    .updateTable('code')
    .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', codeId)
    .where('version', '=', baseVersion)
    .returning('id')
    .executeTakeFirst()

export const countCodeUses = async (db: Kysely<DB>, codeId: string) =>
  Number(
    (
      await db
        .selectFrom('coding_code')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('code_id', '=', codeId)
        .executeTakeFirstOrThrow()
    ).n,
  )

export const hasChildren = async (db: Kysely<DB>, codeId: string) =>
  !!(await db.selectFrom('code').select('id').where('parent_id', '=', codeId).limit(1).executeTakeFirst())

/** A code's codings move to another code (a coding that has both keeps one). */
export async function remapCode(db: Kysely<DB>, from: string, to: string) {
  await sql`insert into coding_code (coding_id, code_id) select coding_id, ${to}::uuid from coding_code where code_id = ${from}::uuid on conflict do nothing`.execute(
    db,
  )
  await db.deleteFrom('coding_code').where('code_id', '=', from).execute()
}

export const deleteCode = (db: Kysely<DB>, codeId: string) => db.deleteFrom('code').where('id', '=', codeId).execute()

// ---------------------------------------------------------------- sources

/**
 * Everything there is to code in a study, as one relation: diary entries with text, open answers
 * (short and long text questions) and empathy-map items, of complete responses. `ref` names the
 * source; the participant's own touchpoint and pain/gain come along as a suggestion.
 */
const sources = (studyId: string) => sql<{
  ref: string
  kind: 'diary_entry' | 'answer' | 'empathy_item'
  text: string
  participant_id: string | null
  touchpoint_id: string | null
  valence: string | null
  at: Date | null
  context: string
}>`(
  select 'diary_entry:' || e.id as ref, 'diary_entry' as kind, e.text, e.participant_id, e.touchpoint_id, e.valence, e.occurred_at as at, '' as context
  from diary_entry e
  where e.study_id = ${studyId}::uuid and e.deleted_at is null and e.text <> ''
  union all
  select 'answer:' || a.response_id || ':' || a.question_id, 'answer', a.value #>> '{}', r.participant_id, null, null, r.completed_at,
         coalesce(q.def -> 'text' ->> 'en', q.def -> 'text' ->> 'nl', a.question_id)
  from survey s
  join survey_response r on r.survey_id = s.id and r.status = 'complete'
  join survey_version v on v.survey_id = s.id and v.version = r.version
  join survey_answer a on a.response_id = r.id and jsonb_typeof(a.value) = 'string'
  cross join lateral (
    select qq as def from jsonb_array_elements(v.definition -> 'pages') pg, jsonb_array_elements(pg -> 'questions') qq
    where qq ->> 'id' = a.question_id limit 1
  ) q
  where s.study_id = ${studyId}::uuid and q.def ->> 'type' in ('short_text', 'long_text') and a.value #>> '{}' <> ''
  union all
  select 'empathy_item:' || a.response_id || ':' || a.question_id || ':' || (i.ord - 1), 'empathy_item', i.item ->> 'text', r.participant_id, null,
         i.item ->> 'valence', r.completed_at, i.item ->> 'box'
  from survey s
  join survey_response r on r.survey_id = s.id and r.status = 'complete'
  join survey_answer a on a.response_id = r.id and jsonb_typeof(a.value -> 'items') = 'array'
  cross join lateral jsonb_array_elements(a.value -> 'items') with ordinality as i(item, ord)
  where s.study_id = ${studyId}::uuid
)`

export type SourceFilter = {
  limit: number
  after?: readonly [string, string]
  kind?: string
  touchpointId?: string
  personaId?: string
  participantId?: string
  valence?: string
  coded?: 'yes' | 'no'
  sampleId?: string
  /** Whose codings count as "coded" (and are counted). */
  coderId: string
  ref?: string
}

export const listSources = (db: Kysely<DB>, studyId: string, f: SourceFilter) =>
  sql<{
    ref: string
    kind: 'diary_entry' | 'answer' | 'empathy_item'
    text: string
    participant_id: string | null
    persona_id: string | null
    touchpoint_id: string | null
    valence: string | null
    at: Date | null
    at_key: string
    context: string
    coding_count: number
  }>`
    select src.*, p.persona_id,
           coalesce(src.at, 'epoch'::timestamptz)::text as at_key,
           (select count(*)::int from coding c where c.study_id = ${studyId}::uuid and c.source = src.ref and c.coder_id = ${f.coderId}::uuid
              ${f.sampleId ? sql`and c.sample_id = ${f.sampleId}::uuid` : sql``}) as coding_count
    from ${sources(studyId)} src
    left join participant p on p.id = src.participant_id
    where true
      ${f.ref ? sql`and src.ref = ${f.ref}` : sql``}
      ${f.kind ? sql`and src.kind = ${f.kind}` : sql``}
      ${f.participantId ? sql`and src.participant_id = ${f.participantId}::uuid` : sql``}
      ${f.personaId ? sql`and p.persona_id = ${f.personaId}::uuid` : sql``}
      ${
        f.touchpointId
          ? sql`and (src.touchpoint_id = ${f.touchpointId}::uuid or exists (select 1 from coding c where c.study_id = ${studyId}::uuid and c.source = src.ref and c.touchpoint_id = ${f.touchpointId}::uuid))`
          : sql``
      }
      ${
        f.valence
          ? sql`and (src.valence = ${f.valence} or exists (select 1 from coding c where c.study_id = ${studyId}::uuid and c.source = src.ref and c.valence = ${f.valence}))`
          : sql``
      }
      ${f.sampleId ? sql`and exists (select 1 from coding_sample_source s where s.sample_id = ${f.sampleId}::uuid and s.source = src.ref)` : sql``}
      ${
        f.coded
          ? sql`and ${f.coded === 'yes' ? sql`` : sql`not`} exists (select 1 from coding c where c.study_id = ${studyId}::uuid and c.source = src.ref and c.coder_id = ${f.coderId}::uuid
                  ${f.sampleId ? sql`and c.sample_id = ${f.sampleId}::uuid` : sql``})`
          : sql``
      }
      ${f.after ? sql`and (coalesce(src.at, 'epoch'::timestamptz), src.ref) < (${f.after[0]}::timestamptz, ${f.after[1]})` : sql``}
    order by coalesce(src.at, 'epoch'::timestamptz) desc, src.ref desc
    limit ${f.limit + 1}`
    .execute(db)
    .then((r) => r.rows)

export const allSourceRefs = (db: Kysely<DB>, studyId: string, kinds: string[]) =>
  sql<{ ref: string }>`select ref from ${sources(studyId)} src where src.kind = any(${kinds}::text[])`
    .execute(db)
    .then((r) => r.rows.map((x) => x.ref))

// ---------------------------------------------------------------- codings

const codingColumns = [
  'c.id',
  'c.source',
  'c.span_start',
  'c.span_end',
  'c.quote',
  'c.touchpoint_id',
  'c.valence',
  'c.coder_id',
  'c.sample_id',
  'c.version',
  'c.created_at',
  'c.updated_at',
] as const

export const listCodings = (
  db: Kysely<DB>,
  studyId: string,
  f: { source?: string; coderId?: string; sampleId?: string; ids?: string[] },
) =>
  db
    .selectFrom('coding as c')
    .leftJoin('account as a', 'a.id', 'c.coder_id')
    .select(codingColumns)
    .select(['a.name as coder_name'])
    .select((eb) =>
      eb.fn
        .coalesce(
          sql<
            string[]
          >`(select array_agg(cc.code_id order by cc.code_id) from coding_code cc where cc.coding_id = c.id)`,
          sql<string[]>`'{}'::uuid[]`,
        )
        .as('code_ids'),
    )
    .where('c.study_id', '=', studyId)
    .$if(!!f.source, (b) => b.where('c.source', '=', f.source!))
    .$if(!!f.coderId, (b) => b.where('c.coder_id', '=', f.coderId!))
    .$if(f.sampleId !== undefined, (b) => b.where('c.sample_id', '=', f.sampleId!))
    .$if(!!f.ids, (b) => b.where('c.id', 'in', f.ids!))
    .orderBy('c.source')
    .orderBy('c.span_start')
    .orderBy('c.id')
    .execute()
export type CodingRow = Awaited<ReturnType<typeof listCodings>>[number]

export const lockCoding = (db: Kysely<DB>, codingId: string) =>
  db.selectFrom('coding').selectAll().where('id', '=', codingId).forUpdate().executeTakeFirst()

export const insertCoding = (
  db: Kysely<DB>,
  c: {
    id: string
    studyId: string
    source: string
    entryId: string | null
    responseId: string | null
    questionId: string | null
    itemIndex: number | null
    start: number
    end: number
    quote: string
    touchpointId: string | null
    valence: string | null
    coderId: string
    sampleId: string | null
  },
) =>
  db
    .insertInto('coding')
    .values({
      id: c.id,
      study_id: c.studyId,
      source: c.source,
      entry_id: c.entryId,
      response_id: c.responseId,
      question_id: c.questionId,
      item_index: c.itemIndex,
      span_start: c.start,
      span_end: c.end,
      quote: c.quote,
      touchpoint_id: c.touchpointId,
      valence: c.valence,
      coder_id: c.coderId,
      sample_id: c.sampleId,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst()

export const updateCoding = (
  db: Kysely<DB>,
  id: string,
  c: { start: number; end: number; quote: string; touchpointId: string | null; valence: string | null },
) =>
  db
    .updateTable('coding')
    .set((eb) => ({
      span_start: c.start,
      span_end: c.end,
      quote: c.quote,
      touchpoint_id: c.touchpointId,
      valence: c.valence,
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', id)
    .execute()

export async function setCodingCodes(db: Kysely<DB>, codingId: string, codeIds: string[]) {
  await db.deleteFrom('coding_code').where('coding_id', '=', codingId).execute()
  if (codeIds.length)
    await db
      .insertInto('coding_code')
      .values(codeIds.map((code_id) => ({ coding_id: codingId, code_id })))
      .execute()
}

export const deleteCoding = (db: Kysely<DB>, id: string) => db.deleteFrom('coding').where('id', '=', id).execute()

/** The touchpoint is one of the study's. */
export const touchpointOfStudy = (db: Kysely<DB>, studyId: string, touchpointId: string) =>
  db
    .selectFrom('touchpoint')
    .select('id')
    .where('study_id', '=', studyId)
    .where('id', '=', touchpointId)
    .executeTakeFirst()

// ---------------------------------------------------------------- samples

export const listTouchpointNames = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('touchpoint').select(['id', 'name']).where('study_id', '=', studyId).execute()

export const insertSample = (db: Kysely<DB>, s: { studyId: string; name: string; share: number; coderIds: string[] }) =>
  db
    .insertInto('coding_sample')
    .values({ study_id: s.studyId, name: s.name, share: s.share, coder_ids: s.coderIds })
    .returning(['id'])
    .executeTakeFirstOrThrow()

export const insertSampleSources = async (db: Kysely<DB>, sampleId: string, refs: string[]) => {
  for (let i = 0; i < refs.length; i += 1000)
    await db
      .insertInto('coding_sample_source')
      .values(refs.slice(i, i + 1000).map((source) => ({ sample_id: sampleId, source })))
      .execute()
}

export const listSamples = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('coding_sample as s')
    .selectAll('s')
    .select((eb) =>
      eb
        .selectFrom('coding_sample_source as x')
        .whereRef('x.sample_id', '=', 's.id')
        .select((y) => y.fn.countAll<number>().as('n'))
        .as('size'),
    )
    .where('s.study_id', '=', studyId)
    .orderBy('s.created_at', 'desc')
    .execute()

export const findSample = (db: Kysely<DB>, studyId: string, sampleId: string) =>
  db
    .selectFrom('coding_sample')
    .selectAll()
    .where('study_id', '=', studyId)
    .where('id', '=', sampleId)
    .executeTakeFirst()

export const sampleSources = (db: Kysely<DB>, sampleId: string) =>
  db
    .selectFrom('coding_sample_source')
    .select('source')
    .where('sample_id', '=', sampleId)
    .execute()
    .then((r) => r.map((x) => x.source))

/** How many of the sample's sources each coder has coded. */
export const codedPerCoder = (db: Kysely<DB>, sampleId: string) =>
  db
    .selectFrom('coding')
    .select(['coder_id', sql<number>`count(distinct source)::int`.as('n')])
    .where('sample_id', '=', sampleId)
    .groupBy('coder_id')
    .execute()

export const accountsInOrganization = (db: Kysely<DB>, organizationId: string, ids: string[]) =>
  db
    .selectFrom('membership as m')
    .innerJoin('account as a', 'a.id', 'm.account_id')
    .select(['a.id', 'a.name', 'm.role'])
    .where('m.organization_id', '=', organizationId)
    .where('a.id', 'in', ids)
    .execute()

// ---------------------------------------------------------------- erasure

/** A participant's diary entries and survey responses, the parents of the sources that are theirs. */
const participantParents = async (db: Kysely<DB>, participantId: string) => {
  const [entries, responses] = await Promise.all([
    db.selectFrom('diary_entry').select('id').where('participant_id', '=', participantId).execute(),
    db.selectFrom('survey_response').select('id').where('participant_id', '=', participantId).execute(),
  ])
  return { entryIds: entries.map((e) => e.id), responseIds: responses.map((r) => r.id) }
}

/** The codings of a participant's entries, answers and empathy items. */
export const participantCodingIds = async (db: Kysely<DB>, participantId: string) => {
  const { entryIds, responseIds } = await participantParents(db, participantId)
  if (entryIds.length === 0 && responseIds.length === 0) return []
  const rows = await db
    .selectFrom('coding')
    .select('id')
    .where((eb) =>
      eb.or([
        ...(entryIds.length ? [eb('entry_id', 'in', entryIds)] : []),
        ...(responseIds.length ? [eb('response_id', 'in', responseIds)] : []),
      ]),
    )
    .execute()
  return rows.map((r) => r.id)
}

/**
 * Erasure: the participant's codings (spans and quote snapshots) with their code links, so the
 * codes' counts go down, and their sources in double-coding samples.
 */
export const eraseParticipantCodings = async (db: Kysely<DB>, participantId: string) => {
  const ids = await participantCodingIds(db, participantId)
  const { entryIds, responseIds } = await participantParents(db, participantId)
  if (ids.length) {
    await db.deleteFrom('coding_code').where('coding_id', 'in', ids).execute()
    await db.deleteFrom('coding').where('id', 'in', ids).execute()
  }
  const patterns = [
    ...entryIds.map((id) => `diary_entry:${id}`),
    ...responseIds.flatMap((id) => [`answer:${id}:%`, `empathy_item:${id}:%`]),
  ]
  // counted per sample, so the sample says how many of its sources went with an erased participant
  const perSample = new Map<string, number>()
  for (let i = 0; i < patterns.length; i += 500) {
    const chunk = patterns.slice(i, i + 500)
    const removed = await db
      .deleteFrom('coding_sample_source')
      .where((eb) => eb.or(chunk.map((p) => eb('source', 'like', p))))
      .returning('sample_id')
      .execute()
    for (const r of removed) perSample.set(r.sample_id, (perSample.get(r.sample_id) ?? 0) + 1)
  }
  for (const [sampleId, n] of [...perSample].sort(([x], [y]) => (x < y ? -1 : 1)))
    await db
      .updateTable('coding_sample')
      .set((eb) => ({ erased_sources: eb('erased_sources', '+', n) }))
      .where('id', '=', sampleId)
      .execute()
  return { codings: ids.length, sampleSources: [...perSample.values()].reduce((x, y) => x + y, 0) }
}

// ---------------------------------------------------------------- exports (issue 15)

/**
 * The codings an export holds: a coding of an answer follows its response's filters (the wave, in
 * progress or not, persona, segment, the day completed), a coding of a diary moment the moment's
 * (persona, segment, the day it happened; the wave is not a diary filter).
 */
const exportedCodings = (db: Kysely<DB>, f: ExportRowFilter) =>
  db
    .selectFrom('coding as c')
    .leftJoin('diary_entry as e', 'e.id', 'c.entry_id')
    .leftJoin('survey_response as r', 'r.id', 'c.response_id')
    .leftJoin('participant as p', (j) => j.on(sql<boolean>`p.id = coalesce(e.participant_id, r.participant_id)`))
    .where('c.study_id', '=', f.studyId)
    .where(participantMatches(f, 'p'))
    .where(
      sql<boolean>`((e.id is not null and e.deleted_at is null and ${dayWithin(f, sql`e.occurred_at`)})
        or (r.id is not null
          ${f.surveyId ? sql`and r.survey_id = ${f.surveyId}::uuid` : sql``}
          ${f.includeInProgress ? sql`` : sql`and r.status = 'complete'`}
          and ${dayWithin(f, sql`coalesce(r.completed_at, r.started_at)`)}))`,
    )

export const countCodingsForExport = (db: Kysely<DB>, f: ExportRowFilter) =>
  exportedCodings(db, f)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => r.n)

/** The codes of a coding as a sorted array, to compare two codings' codes. */
const codeSet = (coding: string) =>
  sql`array(select cc.code_id from coding_code cc where cc.coding_id = ${sql.ref(coding)} order by cc.code_id)`

/**
 * One row per coding with its codes, coder and sample. A coding is double coded when another coder
 * coded the same source; then `consensus` says whether one of those codings agrees with it (an
 * overlapping span with the same touchpoint, valence and codes), the per-coding form of the agreement
 * the coding screen reports per sample. Without a second coder there is nothing to agree with: null.
 */
export const streamCodingsForExport = (db: Kysely<DB>, f: ExportRowFilter, chunk: number) =>
  exportedCodings(db, f)
    .leftJoin('account as a', 'a.id', 'c.coder_id')
    .leftJoin('coding_sample as sm', 'sm.id', 'c.sample_id')
    .select([
      'c.id',
      'c.source',
      'c.quote',
      'c.span_start',
      'c.span_end',
      'c.touchpoint_id',
      'c.valence',
      'p.id as participant_id',
      'sm.name as sample',
      sql<string | null>`coalesce(nullif(a.name, ''), a.email)`.as('coder'),
      sql<string>`coalesce((select string_agg(k.name, '; ' order by k.name) from coding_code cc join code k on k.id = cc.code_id where cc.coding_id = c.id), '')`.as(
        'codes',
      ),
      sql<boolean>`exists (select 1 from coding o where o.study_id = c.study_id and o.source = c.source and o.coder_id <> c.coder_id)`.as(
        'double_coded',
      ),
      sql<boolean>`exists (select 1 from coding o where o.study_id = c.study_id and o.source = c.source and o.coder_id <> c.coder_id
        and o.span_start < c.span_end and c.span_start < o.span_end
        and o.touchpoint_id is not distinct from c.touchpoint_id and o.valence is not distinct from c.valence
        and ${codeSet('o.id')} = ${codeSet('c.id')})`.as('agreed'),
    ])
    .orderBy('c.created_at')
    .orderBy('c.id')
    .stream(chunk)
