import type { Dashboard } from '@klantreis/shared/dashboard'
import type { ExportDataset, ExportSpec } from '@klantreis/shared/exports'
import type { Transaction } from 'kysely'
import type { ExportRowFilter } from '../../db/export-filters.js'
import type { DB } from '../../db/schema.js'
import { pseudonym } from '../../lib/pseudonym.js'
import type { CodingService } from '../coding/coding.service.js'
import type { DashboardService } from '../dashboard/dashboard.service.js'
import type { DiaryService } from '../diary/diary.service.js'
import type { FindingsService } from '../findings/findings.service.js'
import type { JourneyService } from '../journey/journey.service.js'
import type { ParticipantsService } from '../participants/participants.service.js'
import type { ResponsesService } from '../responses/responses.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import type { SurveysService } from '../surveys/surveys.service.js'
import type { Cell, Column, ExportTable } from './exports.table.js'

/** Whose study, and whether names and e-mail addresses may stand beside the pseudonym. */
export type ExportScope = { organizationId: string; studyId: string; contactDetails: boolean }

/** Each module's own reads for an export: the exports module never touches another module's tables. */
export type DatasetServices = {
  studies: Pick<StudiesService, 'findForExport'>
  responses: Pick<
    ResponsesService,
    'countForExport' | 'streamWideForExport' | 'countAnswerRowsForExport' | 'streamLongForExport'
  >
  surveys: Pick<SurveysService, 'versionsForExport'>
  diary: Pick<
    DiaryService,
    'countEntriesForExport' | 'streamEntriesForExport' | 'countPhotosForExport' | 'streamPhotosForExport'
  >
  participants: Pick<ParticipantsService, 'segmentKeysForExport'>
  coding: Pick<CodingService, 'countForExport' | 'streamForExport' | 'codebookForExport'>
  findings: Pick<FindingsService, 'forExport'>
  dashboard: Pick<DashboardService, 'forExport'>
  journey: Pick<JourneyService, 'modelForExport'>
}

/**
 * A diary photo for the archive: its name under photos/ (the diary table's photo column is
 * `photos/<fileName>`) and its bytes. Photos live in the database (the photo table), not on disk,
 * so they come through the cursor one at a time with their bytes.
 */
export type Photo = { fileName: string; bytes: Buffer }

/** Rows fetched per round trip: a wide row is about a kilobyte, so a chunk stays well under a megabyte. */
const CHUNK = 500
/** A photo is up to megabytes: a few per round trip. */
const PHOTO_CHUNK = 2
/** A sheet name holds at most 31 characters (XLSX). */
const NAME_MAX = 31

type Texts = Partial<Record<string, string>>
/** A text in the study's language, else in the other one the survey has. */
const textIn = (t: Texts | undefined, lang: string) => (t ? (t[lang] ?? t.nl ?? Object.values(t)[0] ?? '') : '')
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null)
const bit = (b: boolean) => (b ? 1 : 0)

/** Columns get unique keys: a question id may equal another's derived key (q1_label, q1_a). */
function uniqueKeys(columns: Column[]): Column[] {
  const seen = new Set<string>()
  return columns.map((c) => {
    let key = c.key
    for (let i = 2; seen.has(key); i++) key = `${c.key}_${i}`
    seen.add(key)
    return key === c.key ? c : { ...c, key }
  })
}

async function* mapRows<T>(rows: AsyncIterable<T>, toCells: (row: T) => Cell[]): AsyncIterable<Cell[]> {
  for await (const r of rows) yield toCells(r)
}
async function* fromArray(rows: Cell[][]): AsyncIterable<Cell[]> {
  yield* rows
}
const arrayTable = (name: string, columns: Column[], rows: Cell[][]): ExportTable => ({
  name,
  columns,
  count: rows.length,
  rows: () => fromArray(rows),
})

/** `responses-<short title>`: a file name and a sheet name (at most 31 characters, none of : \ / ? * [ ]). */
export function surveyTableName(title: string, taken: Set<string>): string {
  const prefix = 'responses-'
  const slug =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'survey'
  const fit = (s: string, room: number) => s.slice(0, room).replace(/-+$/, '') || 'survey'
  let name = prefix + fit(slug, NAME_MAX - prefix.length)
  for (let i = 2; taken.has(name); i++) {
    const suffix = `-${i}`
    name = prefix + fit(slug, NAME_MAX - prefix.length - suffix.length) + suffix
  }
  taken.add(name)
  return name
}

// ---------- the questions of a survey, over every published version ----------

type Option = { id: string; text: Texts }
type Q = {
  id: string
  type: string
  text: Texts
  points?: number
  anchors?: { low: Texts; high: Texts }
  options?: Option[]
  allowOther?: boolean
  boxes?: string[]
}
type Definition = { pages?: { questions?: Q[] }[] }

const questionsOf = (definition: unknown): Q[] =>
  ((definition as Definition | null)?.pages ?? []).flatMap((p) => p.questions ?? [])

/**
 * Every question of every published version, in order of first appearance. A question that changed
 * between versions keeps its first type; its choice options and empathy boxes are the union, so a
 * column exists for every option any version offered.
 */
export function unionQuestions(definitions: unknown[]): Q[] {
  const byId = new Map<string, Q>()
  for (const d of definitions)
    for (const q of questionsOf(d)) {
      const known = byId.get(q.id)
      if (!known) {
        byId.set(q.id, {
          ...q,
          options: q.options ? [...q.options] : undefined,
          boxes: q.boxes ? [...q.boxes] : undefined,
        })
        continue
      }
      if (known.type !== q.type) continue
      for (const o of q.options ?? []) if (!known.options?.some((x) => x.id === o.id)) known.options?.push(o)
      for (const b of q.boxes ?? []) if (!known.boxes?.includes(b)) known.boxes?.push(b)
      known.allowOther ||= q.allowOther
    }
  return [...byId.values()]
}

const RATED = new Set(['nps', 'csat', 'ces', 'likert', 'rating', 'emotion'])
const EMPATHY_BOXES = ['says', 'thinks', 'does', 'feels', 'sees', 'hears']

type Item = { box?: string; text?: string }
type WideQuestion = { id: string; columns: Column[]; cells: (answer: unknown) => Cell[] }

/** The wide format's columns of one question and how an answer (or none) fills them. */
function wideQuestion(q: Q, lang: string): WideQuestion {
  const label = textIn(q.text, lang)
  if (RATED.has(q.type)) {
    const valueLabels =
      q.type === 'likert' && q.anchors
        ? [
            { value: 1, label: textIn(q.anchors.low, lang) },
            { value: q.points ?? 5, label: textIn(q.anchors.high, lang) },
          ]
        : undefined
    return {
      id: q.id,
      columns: [{ key: q.id, label, type: 'integer', ...(valueLabels ? { valueLabels } : {}) }],
      cells: (a) => [typeof a === 'number' ? a : null],
    }
  }
  if (q.type === 'single_choice') {
    const options = q.options ?? []
    const optionText = new Map(options.map((o) => [o.id, textIn(o.text, lang)]))
    return {
      id: q.id,
      columns: [
        {
          key: q.id,
          label,
          type: 'text',
          valueLabels: options.map((o) => ({ value: o.id, label: textIn(o.text, lang) })),
        },
        { key: `${q.id}_label`, label: `${label} (label)`, type: 'text' },
      ],
      cells: (a) => (typeof a === 'string' ? [a, optionText.get(a) ?? null] : [null, null]),
    }
  }
  if (q.type === 'multiple_choice') {
    const options = q.options ?? []
    const columns: Column[] = options.map((o) => ({
      key: `${q.id}_${o.id}`,
      label: `${label}: ${textIn(o.text, lang)}`,
      type: 'integer',
      valueLabels: [
        { value: 0, label: 'not chosen' },
        { value: 1, label: 'chosen' },
      ],
    }))
    if (q.allowOther) columns.push({ key: `${q.id}_other`, label: `${label}: other`, type: 'text' })
    return {
      id: q.id,
      columns,
      cells: (a) => {
        const m = a && typeof a === 'object' ? (a as { selected?: unknown; other?: unknown }) : null
        if (!m || !Array.isArray(m.selected)) return columns.map(() => null)
        const chosen = new Set(m.selected)
        const cells: Cell[] = options.map((o) => bit(chosen.has(o.id)))
        if (q.allowOther) cells.push(typeof m.other === 'string' ? m.other : null)
        return cells
      },
    }
  }
  if (q.type === 'empathy_map') {
    const boxes = q.boxes?.length ? q.boxes : EMPATHY_BOXES
    return {
      id: q.id,
      columns: boxes.map((b) => ({ key: `${q.id}_${b}`, label: `${label}: ${b}`, type: 'text' })),
      cells: (a) => {
        const items = a && typeof a === 'object' ? (a as { items?: Item[] }).items : undefined
        if (!Array.isArray(items)) return boxes.map(() => null)
        // items of a box, one a line, in the order the participant wrote them
        return boxes.map((b) => {
          const texts = items.filter((i) => i.box === b).map((i) => i.text ?? '')
          return texts.length ? texts.join('\n') : null
        })
      },
    }
  }
  // short_text, long_text, and any type this export does not know: the answer as text
  return {
    id: q.id,
    columns: [{ key: q.id, label, type: 'text' }],
    cells: (a) => [a === null || a === undefined ? null : typeof a === 'string' ? a : JSON.stringify(a)],
  }
}

const contactColumns: Column[] = [
  { key: 'name', label: 'Name', type: 'text' },
  { key: 'email', label: 'E-mail address', type: 'text' },
  { key: 'crm_reference', label: 'CRM reference', type: 'text' },
]
type ContactRow = { name: string | null; email: string | null; external_ref: string | null }
const contactCells = (r: ContactRow, participantId: string | null): Cell[] =>
  participantId ? [r.name, r.email, r.external_ref || null] : [null, null, null]

/** photos/<entry id>.<extension from the content type> */
const photoName = (entryId: string, contentType: string) => {
  const sub = contentType.split('/')[1]?.split(/[;+]/)[0]?.trim().toLowerCase() || 'bin'
  return `${entryId}.${sub === 'jpeg' ? 'jpg' : sub.replace(/[^a-z0-9]/g, '') || 'bin'}`
}

/**
 * Turns a study and an export's spec into tables whose rows stream from a cursor inside the job's
 * transaction (REPEATABLE READ, READ ONLY), so the counts, the rows and the photos agree. Everything
 * a row needs besides its own columns (the journey's names, the survey's questions) is read before
 * the first row, so no query runs on the connection while a cursor is open on it.
 */
export function createDatasets(services: DatasetServices) {
  const { studies, responses, surveys, diary, participants, coding, findings, dashboard, journey } = services

  async function contextOf(trx: Transaction<DB>, scope: ExportScope, spec: ExportSpec) {
    const study = await studies.findForExport(trx, scope.organizationId, scope.studyId)
    const lang = study.languages[0] ?? 'nl'
    const model = await journey.modelForExport(trx, scope.studyId)
    const stageName = new Map(model.stages.map((s) => [s.id, s.name]))
    const touchpoints = new Map(
      model.touchpoints.map((t) => [t.id, { name: t.name, stage: stageName.get(t.stage_id) ?? null }]),
    )
    const personaName = new Map(model.personas.map((p) => [p.id, p.name]))
    const f = spec.filters
    const filter: ExportRowFilter = {
      studyId: scope.studyId,
      ...(f.surveyId ? { surveyId: f.surveyId } : {}),
      ...(f.personaId ? { personaId: f.personaId } : {}),
      ...(f.segment ? { segment: f.segment } : {}),
      ...(f.from ? { from: f.from } : {}),
      ...(f.to ? { to: f.to } : {}),
      includeInProgress: spec.includeInProgress,
    }
    return { study, lang, model, touchpoints, personaName, filter, contact: scope.contactDetails, spec }
  }
  type Context = Awaited<ReturnType<typeof contextOf>>

  const surveysOf = async (trx: Transaction<DB>, c: Context) => {
    const rows = await surveys.versionsForExport(trx, c.filter.studyId)
    const bySurvey = new Map<string, { id: string; title: string; definitions: Map<number, unknown> }>()
    for (const r of rows) {
      if (c.filter.surveyId && r.id !== c.filter.surveyId) continue
      const s = bySurvey.get(r.id) ?? { id: r.id, title: r.title, definitions: new Map() }
      if (r.version !== null) s.definitions.set(r.version, r.definition)
      bySurvey.set(r.id, s)
    }
    return [...bySurvey.values()]
  }

  /** The wide format's columns before the questions. */
  const baseColumns = (c: Context, segmentKeys: string[]): Column[] => [
    { key: 'response_id', label: 'Response', type: 'text' },
    { key: 'pseudonym', label: 'Participant (pseudonym)', type: 'text' },
    ...(c.contact ? contactColumns : []),
    { key: 'survey_id', label: 'Survey', type: 'text' },
    { key: 'version', label: 'Questionnaire version', type: 'integer' },
    {
      key: 'status',
      label: 'Status',
      type: 'text',
      valueLabels: [
        { value: 'complete', label: 'complete' },
        { value: 'in_progress', label: 'in progress' },
      ],
    },
    { key: 'started_at', label: 'Started', type: 'datetime' },
    { key: 'completed_at', label: 'Completed', type: 'datetime' },
    { key: 'persona', label: 'Persona', type: 'text' },
    ...segmentKeys.map((k): Column => ({ key: `segment_${k}`, label: `Segment: ${k}`, type: 'text' })),
  ]

  // ---------- responses, wide: one table per survey ----------
  async function responsesWide(trx: Transaction<DB>, c: Context): Promise<ExportTable[]> {
    const segmentKeys = await participants.segmentKeysForExport(trx, c.filter.studyId)
    // a survey called "Long" must not take the long format's name
    const taken = new Set<string>(['responses-wide', 'responses-long'])
    const tables: ExportTable[] = []
    const all = await surveysOf(trx, c)
    // a study without surveys (or a wave not in it) still gives a file: the header, no rows
    if (!all.length) return [arrayTable('responses-wide', uniqueKeys(baseColumns(c, segmentKeys)), [])]
    for (const s of all) {
      const questions = unionQuestions([...s.definitions.values()]).map((q) => wideQuestion(q, c.lang))
      const columns = uniqueKeys([...baseColumns(c, segmentKeys), ...questions.flatMap((q) => q.columns)])
      const f = { ...c.filter, surveyId: s.id }
      tables.push({
        name: surveyTableName(s.title, taken),
        columns,
        count: await responses.countForExport(trx, f),
        rows: () =>
          mapRows(responses.streamWideForExport(trx, f, c.contact, CHUNK), (r) => {
            const segments = (r.segments ?? {}) as Record<string, unknown>
            const answers = r.answers ?? {}
            return [
              r.id,
              r.participant_id ? pseudonym(r.participant_id) : null,
              ...(c.contact ? contactCells(r, r.participant_id) : []),
              r.survey_id,
              r.version,
              r.status,
              iso(r.started_at),
              iso(r.completed_at),
              r.persona_id ? (c.personaName.get(r.persona_id) ?? null) : null,
              ...segmentKeys.map((k) =>
                segments[k] === undefined || segments[k] === null ? null : String(segments[k]),
              ),
              ...questions.flatMap((q) => q.cells(answers[q.id])),
            ]
          }),
      })
    }
    return tables
  }

  // ---------- responses, long: one row per answer (per option chosen, per empathy item) ----------
  async function responsesLong(trx: Transaction<DB>, c: Context): Promise<ExportTable[]> {
    const all = await surveysOf(trx, c)
    // the question as the row's own version asked it, else as another version of the survey did
    const asked = new Map<string, Q>()
    const anyVersion = new Map<string, Q>()
    for (const s of all) {
      for (const [version, d] of s.definitions)
        for (const q of questionsOf(d)) asked.set(`${s.id}:${version}:${q.id}`, q)
      for (const q of unionQuestions([...s.definitions.values()])) anyVersion.set(`${s.id}:${q.id}`, q)
    }
    const title = new Map(all.map((s) => [s.id, s.title]))
    const columns: Column[] = [
      { key: 'response_id', label: 'Response', type: 'text' },
      { key: 'pseudonym', label: 'Participant (pseudonym)', type: 'text' },
      ...(c.contact ? contactColumns : []),
      { key: 'survey_id', label: 'Survey', type: 'text' },
      { key: 'survey', label: 'Survey title', type: 'text' },
      { key: 'version', label: 'Questionnaire version', type: 'integer' },
      { key: 'status', label: 'Status', type: 'text' },
      { key: 'question_id', label: 'Question', type: 'text' },
      { key: 'question', label: 'Question text', type: 'text' },
      { key: 'question_type', label: 'Question type', type: 'text' },
      { key: 'value', label: 'Rating', type: 'integer' },
      { key: 'option', label: 'Option chosen', type: 'text' },
      { key: 'label', label: 'Option text', type: 'text' },
      { key: 'text', label: 'Text', type: 'text' },
      { key: 'item', label: 'Empathy map item (from 0)', type: 'integer' },
      { key: 'box', label: 'Empathy map box', type: 'text' },
      { key: 'answered_at', label: 'Answered', type: 'datetime' },
    ]
    return [
      {
        name: 'responses-long',
        columns,
        count: await responses.countAnswerRowsForExport(trx, c.filter),
        rows: () =>
          mapRows(responses.streamLongForExport(trx, c.filter, c.contact, CHUNK), (r) => {
            const q =
              asked.get(`${r.survey_id}:${r.version}:${r.question_id}`) ??
              anyVersion.get(`${r.survey_id}:${r.question_id}`)
            const optionText = (id: string) => {
              const o = q?.options?.find((x) => x.id === id)
              return o ? textIn(o.text, c.lang) : null
            }
            let value: Cell = null
            let option: Cell = null
            let label: Cell = null
            let text: Cell = null
            let box: Cell = null
            const el = r.element as string | { other?: string; box?: string; text?: string } | null
            if (typeof r.value === 'number') value = r.value
            else if (typeof r.value === 'string') {
              if (q?.type === 'single_choice') [option, label] = [r.value, optionText(r.value)]
              else text = r.value
            } else if (typeof el === 'string') [option, label] = [el, optionText(el)]
            else if (el && typeof el === 'object' && 'other' in el) [option, text] = ['other', el.other ?? null]
            else if (el && typeof el === 'object') [text, box] = [el.text ?? null, el.box ?? null]
            const isItem = el !== null && typeof el === 'object' && !('other' in el)
            return [
              r.id,
              r.participant_id ? pseudonym(r.participant_id) : null,
              ...(c.contact ? contactCells(r, r.participant_id) : []),
              r.survey_id,
              title.get(r.survey_id) ?? r.survey_title,
              r.version,
              r.status,
              r.question_id,
              q ? textIn(q.text, c.lang) : null,
              q?.type ?? null,
              value,
              option,
              label,
              text,
              isItem ? r.element_index : null,
              box,
              iso(r.answered_at),
            ]
          }),
      },
    ]
  }

  // ---------- diary ----------
  async function diaryTable(trx: Transaction<DB>, c: Context): Promise<ExportTable[]> {
    const columns: Column[] = [
      { key: 'entry_id', label: 'Moment', type: 'text' },
      { key: 'pseudonym', label: 'Participant (pseudonym)', type: 'text' },
      ...(c.contact ? contactColumns : []),
      { key: 'occurred_at', label: 'When it happened', type: 'datetime' },
      { key: 'created_at', label: 'Written', type: 'datetime' },
      { key: 'stage', label: 'Stage', type: 'text' },
      { key: 'touchpoint', label: 'Touchpoint', type: 'text' },
      { key: 'proposed_touchpoint', label: 'Touchpoint the participant proposed', type: 'text' },
      { key: 'emotion', label: 'Emotion (-3 to +3)', type: 'integer' },
      { key: 'valence', label: 'Pain or gain', type: 'text' },
      { key: 'channel', label: 'Channel', type: 'text' },
      { key: 'text', label: 'Text', type: 'text' },
      { key: 'photo', label: 'Photo (file in the archive)', type: 'text' },
    ]
    return [
      {
        name: 'diary',
        columns,
        count: await diary.countEntriesForExport(trx, c.filter),
        rows: () =>
          mapRows(diary.streamEntriesForExport(trx, c.filter, c.contact, CHUNK), (r) => {
            const t = r.touchpoint_id ? c.touchpoints.get(r.touchpoint_id) : undefined
            return [
              r.id,
              pseudonym(r.participant_id),
              ...(c.contact ? contactCells(r, r.participant_id) : []),
              iso(r.occurred_at),
              iso(r.created_at),
              t?.stage ?? null,
              t?.name ?? null,
              r.proposed_touchpoint,
              r.emotion,
              r.valence,
              r.channel,
              r.text,
              r.photo_id && r.photo_type ? `photos/${photoName(r.id, r.photo_type)}` : null,
            ]
          }),
      },
    ]
  }

  // ---------- codings and the codebook ----------
  async function codingsTable(trx: Transaction<DB>, c: Context): Promise<ExportTable[]> {
    const columns: Column[] = [
      { key: 'coding_id', label: 'Coding', type: 'text' },
      {
        key: 'source_type',
        label: 'Source type',
        type: 'text',
        valueLabels: [
          { value: 'diary_entry', label: 'diary moment' },
          { value: 'answer', label: 'survey answer' },
          { value: 'empathy_item', label: 'empathy map item' },
        ],
      },
      { key: 'source_id', label: 'Source', type: 'text' },
      { key: 'pseudonym', label: 'Participant (pseudonym)', type: 'text' },
      { key: 'quote', label: 'Quote', type: 'text' },
      { key: 'span_start', label: 'Span start', type: 'integer' },
      { key: 'span_end', label: 'Span end', type: 'integer' },
      { key: 'stage', label: 'Stage', type: 'text' },
      { key: 'touchpoint', label: 'Touchpoint', type: 'text' },
      { key: 'codes', label: 'Codes', type: 'text' },
      { key: 'valence', label: 'Pain or gain', type: 'text' },
      { key: 'coder', label: 'Coder', type: 'text' },
      { key: 'sample', label: 'Double-coding sample', type: 'text' },
      { key: 'double_coded', label: 'Coded by another coder too', type: 'integer' },
      {
        key: 'consensus',
        label: 'Another coder agrees (span, touchpoint, valence, codes)',
        type: 'integer',
        valueLabels: [
          { value: 0, label: 'no agreeing coding' },
          { value: 1, label: 'agreed' },
        ],
      },
    ]
    return [
      {
        name: 'codings',
        columns,
        count: await coding.countForExport(trx, c.filter),
        rows: () =>
          mapRows(coding.streamForExport(trx, c.filter, CHUNK), (r) => {
            const t = r.touchpoint_id ? c.touchpoints.get(r.touchpoint_id) : undefined
            return [
              r.id,
              r.source.split(':')[0] ?? null,
              r.source,
              r.participant_id ? pseudonym(r.participant_id) : null,
              r.quote,
              r.span_start,
              r.span_end,
              t?.stage ?? null,
              t?.name ?? null,
              r.codes,
              r.valence,
              r.coder,
              r.sample,
              bit(r.double_coded),
              // not double coded: no second coder to agree or disagree with
              r.double_coded ? bit(r.agreed) : null,
            ]
          }),
      },
    ]
  }

  async function codebookTable(trx: Transaction<DB>, c: Context): Promise<ExportTable[]> {
    // the codebook CSV's columns, in its order, so the codebook import reads this table back
    const columns: Column[] = [
      { key: 'name', label: 'Name', type: 'text' },
      { key: 'description', label: 'Description', type: 'text' },
      { key: 'colour', label: 'Colour', type: 'text' },
      { key: 'shortcut', label: 'Shortcut', type: 'text' },
      { key: 'parent', label: 'Parent code', type: 'text' },
    ]
    const codes = await coding.codebookForExport(trx, c.filter.studyId)
    return [
      arrayTable(
        'codebook',
        columns,
        codes.map((k) => [k.name, k.description, k.colour, k.shortcut, k.parent]),
      ),
    ]
  }

  // ---------- findings ----------
  /**
   * Findings are the researchers' conclusions over the whole study: the export's filters do not
   * apply to them (a verdict over one persona's answers would be another test than the screen's).
   */
  async function findingsTables(_trx: Transaction<DB>, c: Context): Promise<ExportTable[]> {
    const { findings: all, verification } = await findings.forExport(c.filter.studyId)
    const names = (ids: string[], of: Map<string, string>) => ids.map((id) => of.get(id) ?? id).join('; ')
    const touchpointName = new Map([...c.touchpoints].map(([id, t]) => [id, t.name]))
    const columns: Column[] = [
      { key: 'finding_id', label: 'Finding', type: 'text' },
      { key: 'statement', label: 'Statement', type: 'text' },
      { key: 'status', label: 'Verdict of the finding', type: 'text' },
      { key: 'fit', label: 'How the two strands relate', type: 'text' },
      { key: 'touchpoints', label: 'Touchpoints', type: 'text' },
      { key: 'personas', label: 'Personas', type: 'text' },
      { key: 'evidence', label: 'Evidence quotes', type: 'integer' },
      { key: 'meta_inference', label: 'Meta-inference', type: 'text' },
      { key: 'measure_id', label: 'Measure', type: 'text' },
      { key: 'primary', label: 'Primary measure', type: 'boolean' },
      { key: 'survey_id', label: 'Survey', type: 'text' },
      { key: 'question_id', label: 'Question', type: 'text' },
      { key: 'metric', label: 'Metric', type: 'text' },
      { key: 'claim', label: 'Claim', type: 'text' },
      { key: 'sesoi', label: 'Smallest effect of interest', type: 'number' },
      { key: 'verdict', label: 'Verdict of the measure', type: 'text' },
      { key: 'reason', label: 'Reason', type: 'text' },
      { key: 'design', label: 'Design', type: 'text' },
      { key: 'test', label: 'Test', type: 'text' },
      { key: 'estimate', label: 'Effect (positive: as claimed)', type: 'number' },
      { key: 'lower', label: '95% interval, lower', type: 'number' },
      { key: 'upper', label: '95% interval, upper', type: 'number' },
      { key: 'p', label: 'p (one-sided)', type: 'number' },
      { key: 'p_adjusted', label: 'p adjusted (Benjamini-Hochberg)', type: 'number' },
      { key: 'target_value', label: 'Metric on the target', type: 'number' },
      { key: 'n', label: 'n (target)', type: 'integer' },
      { key: 'reference_value', label: 'Metric on the reference', type: 'number' },
      { key: 'reference_n', label: 'n (reference)', type: 'integer' },
      { key: 'effect_size', label: 'Effect size', type: 'text' },
      { key: 'effect_size_value', label: 'Effect size value', type: 'number' },
      { key: 'n_needed', label: 'Answers that would settle it', type: 'integer' },
    ]
    const rows: Cell[][] = []
    for (const f of all) {
      const v = verification.items.find((x) => x.findingId === f.id)
      const head: Cell[] = [
        f.id,
        f.statement,
        v?.status ?? null,
        v?.fit ?? null,
        names(f.touchpointIds, touchpointName),
        names(f.personaIds, c.personaName),
        f.evidence.length,
        f.metaInference,
      ]
      // one row per finding and measure; a finding without measures is one row with the measure empty
      if (!f.operationalizations.length) rows.push([...head, ...columns.slice(head.length).map(() => null)])
      for (const o of f.operationalizations) {
        const r = v?.results.find((x) => x.operationalizationId === o.id)
        rows.push([
          ...head,
          o.id,
          o.primary,
          o.surveyId,
          o.questionId,
          o.metric,
          JSON.stringify(o.claim),
          o.sesoi,
          // a measure the verification left out measures nothing now (its question left the survey)
          r?.status ?? 'silence',
          r?.reason ?? null,
          r?.design ?? null,
          r?.test ?? null,
          r?.estimate ?? null,
          r?.lower ?? null,
          r?.upper ?? null,
          r?.p ?? null,
          r?.pAdjusted ?? null,
          r?.target.value ?? null,
          r?.target.n ?? null,
          r?.reference?.value ?? null,
          r?.reference?.n ?? null,
          r?.effectSize?.name ?? null,
          r?.effectSize?.value ?? null,
          r?.nNeeded ?? null,
        ])
      }
    }
    const evidence: Cell[][] = all.flatMap((f) =>
      f.evidence.map((e) => [
        f.id,
        e.codingId,
        e.quote,
        e.participant,
        e.source.split(':')[0] ?? null,
        e.touchpointId ? (touchpointName.get(e.touchpointId) ?? null) : null,
        e.valence,
      ]),
    )
    return [
      arrayTable('findings', columns, rows),
      arrayTable(
        'findings-evidence',
        [
          { key: 'finding_id', label: 'Finding', type: 'text' },
          { key: 'coding_id', label: 'Coding', type: 'text' },
          { key: 'quote', label: 'Quote', type: 'text' },
          { key: 'pseudonym', label: 'Participant (pseudonym)', type: 'text' },
          { key: 'source_type', label: 'Source type', type: 'text' },
          { key: 'touchpoint', label: 'Touchpoint', type: 'text' },
          { key: 'valence', label: 'Pain or gain', type: 'text' },
        ],
        evidence,
      ),
    ]
  }

  // ---------- the dashboard: the figures behind each chart ----------
  /**
   * From the dashboard service's own result with the export's persona, segment and period. The
   * dashboard has no wave filter and counts completed questionnaires only, so surveyId and
   * includeInProgress do not change these tables.
   */
  async function dashboardTables(trx: Transaction<DB>, c: Context): Promise<ExportTable[]> {
    const { surveyId: _wave, ...query } = c.spec.filters
    const d: Dashboard = await dashboard.forExport(trx, c.filter.studyId, query)
    const num = (key: string, label: string): Column => ({ key, label, type: 'number' })
    const int = (key: string, label: string): Column => ({ key, label, type: 'integer' })
    const interval = (key: string, label: string): Column[] => [
      num(key, label),
      num(`${key}_lower`, `${label}, 95% interval lower`),
      num(`${key}_upper`, `${label}, 95% interval upper`),
      int(`${key}_n`, `${label}, n`),
    ]
    const iv = (i: { estimate: number | null; lower: number | null; upper: number | null; n: number }): Cell[] => [
      i.estimate,
      i.lower,
      i.upper,
      i.n,
    ]
    const touchpoints = arrayTable(
      'dashboard-touchpoints',
      [
        { key: 'touchpoint_id', label: 'Touchpoint id', type: 'text' },
        { key: 'stage', label: 'Stage', type: 'text' },
        { key: 'touchpoint', label: 'Touchpoint', type: 'text' },
        int('pain_coded', 'Pain (coded)'),
        int('gain_coded', 'Gain (coded)'),
        int('neutral_coded', 'Neutral (coded)'),
        int('pain_diary', 'Pain (diary)'),
        int('gain_diary', 'Gain (diary)'),
        int('neutral_diary', 'Neutral (diary)'),
        int('pain_participants', 'Participants with a coded pain'),
        ...interval('experienced', 'Experienced emotion (diary)'),
        ...interval('remembered', 'Remembered emotion (survey)'),
        ...interval('csat_mean', 'CSAT mean'),
        ...interval('csat_top2', 'CSAT top-2-box share'),
        num('importance', 'Importance (Spearman rho with NPS)'),
        num('importance_lower', 'Importance, 95% interval lower'),
        num('importance_upper', 'Importance, 95% interval upper'),
        num('importance_p', 'Importance, p'),
        int('importance_n', 'Importance, n'),
        { key: 'quadrant', label: 'Importance-performance quadrant', type: 'text' },
        { key: 'moment_of_truth_designated', label: 'Moment of truth (designated)', type: 'boolean' },
        { key: 'moment_of_truth_candidate', label: 'Moment of truth (from the data)', type: 'boolean' },
        num('impact', 'Impact (NPS points, satisfied minus dissatisfied)'),
        num('impact_lower', 'Impact, 95% interval lower'),
        num('impact_upper', 'Impact, 95% interval upper'),
        int('impact_n_satisfied', 'Impact, n satisfied'),
        int('impact_n_dissatisfied', 'Impact, n dissatisfied'),
        ...interval('prevalence', 'Share dissatisfied'),
        num('opportunity', 'Opportunity (NPS points)'),
        { key: 'peak', label: 'Peak', type: 'boolean' },
        { key: 'trough', label: 'Trough', type: 'boolean' },
        { key: 'end', label: 'End', type: 'boolean' },
      ],
      d.touchpoints.map((t) => [
        t.id,
        t.stageName,
        t.name,
        t.painGain.coded.pain,
        t.painGain.coded.gain,
        t.painGain.coded.neutral,
        t.painGain.diary.pain,
        t.painGain.diary.gain,
        t.painGain.diary.neutral,
        t.painGain.painParticipants,
        ...iv(t.experienced),
        ...iv(t.remembered),
        ...iv(t.csatMean),
        ...iv(t.csatTop2),
        t.importance.rho,
        t.importance.lower,
        t.importance.upper,
        t.importance.p,
        t.importance.n,
        t.quadrant,
        t.momentOfTruth.designated,
        t.momentOfTruth.candidate,
        t.momentOfTruth.impact.estimate,
        t.momentOfTruth.impact.lower,
        t.momentOfTruth.impact.upper,
        t.momentOfTruth.impact.nSatisfied,
        t.momentOfTruth.impact.nDissatisfied,
        ...iv(t.momentOfTruth.prevalence),
        t.momentOfTruth.opportunity,
        t.id === d.peakTouchpointId,
        t.id === d.troughTouchpointId,
        t.id === d.endTouchpointId,
      ]),
    )
    const summary = arrayTable(
      'dashboard-summary',
      [
        int('responses', 'Completed questionnaires'),
        int('nps_promoters', 'NPS promoters'),
        int('nps_passives', 'NPS passives'),
        int('nps_detractors', 'NPS detractors'),
        num('nps', 'NPS (-100 to +100)'),
        num('nps_lower', 'NPS, 95% interval lower'),
        num('nps_upper', 'NPS, 95% interval upper'),
        int('nps_n', 'NPS, n'),
        num('ipa_performance', 'IPA crosshair: mean top-2-box'),
        num('ipa_importance', 'IPA crosshair: mean importance'),
        num('basic_level', 'Basic level (top-2-box share)'),
      ],
      [
        [
          d.responses,
          d.nps.promoters,
          d.nps.passives,
          d.nps.detractors,
          d.nps.score,
          d.nps.lower,
          d.nps.upper,
          d.nps.n,
          d.ipa.performance,
          d.ipa.importance,
          d.basicLevel,
        ],
      ],
    )
    const topCodes = arrayTable(
      'dashboard-top-codes',
      [
        { key: 'touchpoint_id', label: 'Touchpoint id', type: 'text' },
        { key: 'touchpoint', label: 'Touchpoint', type: 'text' },
        { key: 'code', label: 'Code', type: 'text' },
        int('n', 'Codings'),
      ],
      d.touchpoints.flatMap((t) => t.topCodes.map((k) => [t.id, t.name, k.name, k.n])),
    )
    const quotes = arrayTable(
      'dashboard-quotes',
      [
        { key: 'touchpoint_id', label: 'Touchpoint id', type: 'text' },
        { key: 'touchpoint', label: 'Touchpoint', type: 'text' },
        { key: 'coding_id', label: 'Coding', type: 'text' },
        { key: 'quote', label: 'Quote', type: 'text' },
        { key: 'pseudonym', label: 'Participant (pseudonym)', type: 'text' },
        { key: 'valence', label: 'Pain or gain', type: 'text' },
        { key: 'codes', label: 'Codes', type: 'text' },
      ],
      d.touchpoints.flatMap((t) =>
        t.quotes.map((q) => [
          t.id,
          t.name,
          q.codingId,
          q.quote,
          q.participant,
          q.valence,
          q.codes.map((k) => k.name).join('; '),
        ]),
      ),
    )
    return [summary, touchpoints, topCodes, quotes]
  }

  const build: Record<ExportDataset, (trx: Transaction<DB>, c: Context) => Promise<ExportTable[]>> = {
    'responses-wide': responsesWide,
    'responses-long': responsesLong,
    diary: diaryTable,
    codings: codingsTable,
    codebook: codebookTable,
    findings: findingsTables,
    dashboard: dashboardTables,
  }

  return {
    /** Every table of the spec, in spec.datasets order; counts taken in the same snapshot. */
    async tables(trx: Transaction<DB>, scope: ExportScope, spec: ExportSpec): Promise<ExportTable[]> {
      const c = await contextOf(trx, scope, spec)
      const out: ExportTable[] = []
      for (const d of spec.datasets) out.push(...(await build[d](trx, c)))
      return out
    },
    /** The diary photos the diary table names (for spec.includePhotos), one at a time from a cursor. */
    async *photos(trx: Transaction<DB>, scope: ExportScope, spec: ExportSpec): AsyncIterable<Photo> {
      const c = await contextOf(trx, scope, spec)
      for await (const p of diary.streamPhotosForExport(trx, c.filter, PHOTO_CHUNK))
        yield { fileName: photoName(p.id, p.content_type), bytes: p.bytes }
    },
    async photoCount(trx: Transaction<DB>, scope: ExportScope, spec: ExportSpec): Promise<number> {
      const c = await contextOf(trx, scope, spec)
      return diary.countPhotosForExport(trx, c.filter)
    },
  }
}
export type Datasets = ReturnType<typeof createDatasets>
