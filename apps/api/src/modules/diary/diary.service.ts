import { pseudonym } from '../../lib/pseudonym.js'
import type {
  AnalystEntry,
  DiaryEntry,
  EntryForm,
  PutDiaryBodySchema,
  PutEntryBodySchema,
  RespondentMe,
  ResolveProposalBodySchema,
} from '@klantreis/shared/diary'
import { DEFAULT_ENTRY_FORM } from '@klantreis/shared/diary'
import type { Kysely } from 'kysely'
import type { Pool } from 'pg'
import type { z } from 'zod'
import type { DB } from '../../db/schema.js'
import { RuleValidationError } from '../../lib/errors.js'
import { decodeCursor, pageFrom } from '../../lib/pagination.js'
import { requireRole } from '../../lib/roles.js'
import type { Analyst, ParticipantContext } from '../../lib/actors.js'
import { TouchpointNotFoundError } from '../journey/journey.errors.js'
import type { JourneyService } from '../journey/journey.service.js'
import type { ParticipantsService } from '../participants/participants.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import {
  DiaryClosedError,
  DiaryNotFoundError,
  EntryConflict,
  EntryNotFoundError,
  PhotoNotFoundError,
  PhotoTypeError,
  ProposalNotFoundError,
  ProposalResolvedError,
} from './diary.errors.js'
import {
  type EntryFilter,
  type EntryRow,
  findDiary,
  findEntry,
  insertEntryOnce,
  insertNewEntry,
  insertPhoto,
  insertProposal,
  listModelForPicker,
  listParticipantEntries,
  listProposals,
  listStudyEntries,
  lockEntry,
  lockProposal,
  photoInStudy,
  photoOfParticipant,
  repointProposalEntries,
  resolveProposal,
  setEntryProposal,
  softDeleteEntry,
  touchpointInStudy,
  updateEntry,
  updateProposalDescription,
  upsertDiary,
} from './diary.queries.js'
import { toDiary, toEntry } from './diary.mappers.js'
import type { ExportRowFilter } from '../../db/export-filters.js'
import {
  countEntriesForExport,
  countPhotosForExport,
  streamEntriesForExport,
  streamPhotosForExport,
} from './diary.queries.js'

type PutEntry = z.output<typeof PutEntryBodySchema>

// one formatter per time zone: making one costs more than the rest of a diary write's checks
const dayFormats = new Map<string, Intl.DateTimeFormat>()
const dayFormat = (timeZone: string) => {
  let f = dayFormats.get(timeZone)
  if (!f)
    dayFormats.set(
      timeZone,
      (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })),
    )
  return f
}

/** Today in the diary's own time zone: a diary that ends on the 30th is open all of the 30th there. */
export function diaryState(d: { starts_on: string; ends_on: string; time_zone: string }, now = new Date()) {
  const today = dayFormat(d.time_zone).format(now)
  return today < d.starts_on ? 'not_started' : today > d.ends_on ? 'ended' : 'open'
}

/** Is the stored entry what this submit says? Then a repeat changes nothing and answers the stored row. */
function sameContent(r: EntryRow, b: PutEntry) {
  return (
    r.occurred_at.getTime() === new Date(b.occurredAt).getTime() &&
    r.touchpoint_id === b.touchpointId &&
    (r.proposal_id ? r.proposal_description : null) === b.somethingElse &&
    r.text === b.text &&
    r.emotion === b.emotion &&
    r.valence === b.valence &&
    r.channel === b.channel &&
    r.photo_id === b.photoId
  )
}

/** The analyst's form settings decide what is required; the schema cannot know them. */
function checkForm(form: EntryForm, b: PutEntry) {
  const missing: { path: string; message: string }[] = []
  const need = (field: keyof EntryForm, present: boolean, path: string) => {
    if (form[field] === 'required' && !present) missing.push({ path, message: 'required' })
  }
  need('touchpoint', !!(b.touchpointId || b.somethingElse), 'body.touchpointId')
  need('text', b.text.trim().length > 0, 'body.text')
  need('emotion', b.emotion !== null, 'body.emotion')
  need('valence', b.valence !== null, 'body.valence')
  need('channel', b.channel !== null, 'body.channel')
  need('photo', b.photoId !== null, 'body.photoId')
  if (missing.length) throw new RuleValidationError(missing)
}

const PHOTO_SIGNATURES: [string, (b: Buffer) => boolean][] = [
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/png', (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))],
  [
    'image/webp',
    (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  ],
]

export function createDiaryService({
  db,
  pool,
  studies,
  journey,
  participants,
}: {
  db: Kysely<DB>
  pool: Pool
  studies: StudiesService
  journey: JourneyService
  participants: ParticipantsService
}) {
  /** May this participant write now? The session lookup brought the consent version and the diary along. */
  async function openDiaryFor(p: ParticipantContext) {
    await participants.requireConsent({
      studyId: p.studyId,
      consentVersion: p.consentVersion,
      latestConsent: p.study?.latestConsent,
    })
    const d = p.study ? p.study.diary : await findDiary(db, p.studyId)
    if (!d) throw new DiaryClosedError('This study has no diary')
    const state = diaryState(d)
    if (state !== 'open')
      throw new DiaryClosedError(
        state === 'ended' ? 'This diary has ended; entries can no longer be changed' : 'This diary has not started yet',
      )
    return { form: { ...DEFAULT_ENTRY_FORM, ...(d.form as Partial<EntryForm>) } }
  }

  return {
    /** The study's diary for a module that has already checked the caller may see the study (messages). */
    findForStudy: (studyId: string) => findDiary(db, studyId),

    // ---------- analyst ----------
    async getDiary(a: Analyst, studyId: string) {
      await studies.get(a, studyId)
      const d = await findDiary(db, studyId)
      if (!d) throw new DiaryNotFoundError()
      return toDiary(d)
    },

    async putDiary(a: Analyst, studyId: string, body: z.output<typeof PutDiaryBodySchema>) {
      requireRole(a, 'researcher', 'set up the diary')
      await studies.get(a, studyId)
      return toDiary(await upsertDiary(db, studyId, body))
    },

    async listEntries(a: Analyst, studyId: string, q: Omit<EntryFilter, 'after'> & { cursor?: string }) {
      await studies.get(a, studyId)
      const after = decodeCursor(q.cursor, ['timestamp', 'uuid'])
      const rows = await listStudyEntries(db, studyId, { ...q, after })
      return pageFrom(
        rows,
        q.limit,
        (r): AnalystEntry => ({
          ...toEntry(r),
          participant: { id: r.participant_id, pseudonym: pseudonym(r.participant_id), personaId: r.persona_id },
          stageId: r.stage_id,
        }),
        (r) => [r.occurred_key, r.id],
      )
    },

    async photoForAnalyst(a: Analyst, studyId: string, photoId: string) {
      await studies.get(a, studyId)
      const ph = await photoInStudy(db, studyId, photoId)
      if (!ph) throw new PhotoNotFoundError(photoId)
      return ph
    },

    async listProposals(a: Analyst, studyId: string) {
      await studies.get(a, studyId)
      const rows = await listProposals(db, studyId)
      return {
        items: rows.map((r) => ({
          id: r.id,
          description: r.description,
          status: r.status as 'pending',
          entryCount: Number(r.entry_count ?? 0),
          touchpointId: r.touchpoint_id,
          createdAt: r.created_at.toISOString(),
        })),
      }
    },

    /** Accept (a new touchpoint with origin "research"), merge (into an existing one) or reject. */
    async resolveProposal(
      a: Analyst,
      studyId: string,
      proposalId: string,
      body: z.output<typeof ResolveProposalBodySchema>,
    ) {
      requireRole(a, 'researcher', 'change the journey model')
      await studies.get(a, studyId)
      return db.transaction().execute(async (trx) => {
        const p = await lockProposal(trx, studyId, proposalId)
        if (!p) throw new ProposalNotFoundError(proposalId)
        if (p.status !== 'pending') throw new ProposalResolvedError()
        let touchpointId: string | null = null
        if (body.action === 'accept') {
          const tp = await journey.touchpoints.create(
            a,
            studyId,
            {
              stageId: body.stageId,
              name: body.name ?? p.description.slice(0, 200),
              description: p.description,
              channel: 'other',
              kind: 'direct',
              ownerDepartment: '',
              momentOfTruth: false,
              origin: 'research',
            },
            trx,
          )
          touchpointId = tp.id
        } else if (body.action === 'merge') {
          if (!(await touchpointInStudy(trx, studyId, body.touchpointId)))
            throw new TouchpointNotFoundError(body.touchpointId)
          touchpointId = body.touchpointId
        }
        await resolveProposal(
          trx,
          p.id,
          body.action === 'accept' ? 'accepted' : body.action === 'merge' ? 'merged' : 'rejected',
          touchpointId,
        )
        if (touchpointId) await repointProposalEntries(trx, p.id, touchpointId)
        return {
          id: p.id,
          status: body.action === 'accept' ? 'accepted' : body.action === 'merge' ? 'merged' : 'rejected',
          touchpointId,
        }
      })
    },

    // ---------- participant ----------
    async me(p: ParticipantContext): Promise<RespondentMe> {
      const [study, consent, d, model] = await Promise.all([
        studies.getForParticipant(p.studyId),
        participants.currentConsent(p.studyId),
        findDiary(db, p.studyId),
        listModelForPicker(db, p.studyId),
      ])
      const diary = d ? toDiary(d) : null
      return {
        participant: { id: p.participantId, name: p.name, language: p.language },
        study: { title: study.title, languages: study.languages as ('nl' | 'en')[] },
        consent: consent
          ? {
              version: consent.version,
              text: consent.texts[p.language] ?? Object.values(consent.texts)[0] ?? '',
              given: p.consentVersion === consent.version,
            }
          : null,
        diary:
          diary && d
            ? {
                title: diary.title,
                instructions: diary.instructions,
                startsOn: diary.startsOn,
                endsOn: diary.endsOn,
                timeZone: diary.timeZone,
                form: diary.form,
                state: diaryState(d),
              }
            : null,
        stages: model.stages.map((s) => ({
          id: s.id,
          name: s.name,
          touchpoints: model.touchpoints
            .filter((t) => t.stage_id === s.id)
            .map((t) => ({ id: t.id, name: t.name, channel: t.channel as 'web' })),
        })),
      }
    },

    async giveConsent(p: ParticipantContext, version: number) {
      await participants.giveConsent(p, version)
      return this.me({ ...p, consentVersion: version })
    },

    async setLanguage(p: ParticipantContext, language: 'nl' | 'en') {
      await participants.setLanguage(p, language)
      return this.me({ ...p, language })
    },

    async myEntries(p: ParticipantContext) {
      return { items: (await listParticipantEntries(db, p.participantId)).map(toEntry) }
    },

    /**
     * Create or edit one entry, idempotently. The device made the id; the same submit twice (a
     * retry, a double tap, a sync after a lost answer) finds the stored row and answers it. An edit
     * names the version it started from: if the entry moved on meanwhile (another device), nothing
     * is overwritten and the answer is a conflict carrying the stored version.
     */
    async putEntry(
      p: ParticipantContext,
      entryId: string,
      b: PutEntry,
    ): Promise<{ created: boolean; entry: DiaryEntry }> {
      const d = await openDiaryFor(p)
      checkForm(d.form, b)
      // The common case, a new entry, is one prepared INSERT that also checks the touchpoint. It
      // answers nothing when the id exists (a replay, an edit, a race) or the touchpoint is not this
      // study's; the full path below then says which, under a row lock.
      if (b.baseVersion === null && !b.somethingElse && !b.photoId) {
        const row = await insertNewEntry(pool, entryId, p.studyId, p.participantId, b)
        if (row) return { created: true, entry: toEntry({ ...row, proposal_description: null, proposal_status: null }) }
      }
      if (b.touchpointId && !(await touchpointInStudy(db, p.studyId, b.touchpointId)))
        throw new TouchpointNotFoundError(b.touchpointId)
      if (b.photoId && !(await photoOfParticipant(db, p.participantId, b.photoId))) {
        // a late edit of an entry they deleted (its photo went with it) is the usual conflict
        const tomb = await findEntry(db, entryId)
        if (tomb?.deleted_at && tomb.participant_id === p.participantId) throw new EntryConflict(null)
        throw new PhotoNotFoundError(b.photoId)
      }
      return db.transaction().execute(async (trx) => {
        await lockEntry(trx, entryId)
        let existing = await findEntry(trx, entryId)
        if (!existing) {
          if (b.baseVersion !== null) throw new EntryConflict(null) // edited an entry that is gone
          if (await insertEntryOnce(trx, entryId, p.studyId, p.participantId, b)) {
            if (b.somethingElse)
              await setEntryProposal(trx, entryId, (await insertProposal(trx, p.studyId, b.somethingElse)).id)
            return { created: true, entry: toEntry((await findEntry(trx, entryId))!) }
          }
          existing = (await findEntry(trx, entryId))! // a concurrent identical submit won the insert
        }
        if (existing.participant_id !== p.participantId) throw new EntryNotFoundError(entryId)
        if (
          !existing.deleted_at &&
          sameContent(existing, b) &&
          (b.baseVersion === null || b.baseVersion >= existing.version - 1)
        )
          return { created: false, entry: toEntry(existing) }
        if (existing.deleted_at || b.baseVersion !== existing.version)
          throw new EntryConflict(existing.deleted_at ? null : toEntry(existing))
        let proposalId: string | null = null
        if (b.somethingElse) {
          if (existing.proposal_id && existing.proposal_status === 'pending') {
            proposalId = existing.proposal_id
            await updateProposalDescription(trx, proposalId, b.somethingElse)
          } else proposalId = (await insertProposal(trx, p.studyId, b.somethingElse)).id
        }
        await updateEntry(trx, entryId, { ...b, proposalId })
        return { created: false, entry: toEntry((await findEntry(trx, entryId))!) }
      })
    },

    async deleteEntry(p: ParticipantContext, entryId: string, baseVersion: number) {
      await openDiaryFor(p)
      await db.transaction().execute(async (trx) => {
        await lockEntry(trx, entryId)
        const existing = await findEntry(trx, entryId)
        if (!existing || existing.participant_id !== p.participantId) throw new EntryNotFoundError(entryId)
        if (existing.deleted_at) return // deleting twice is deleting once
        if (existing.version !== baseVersion) throw new EntryConflict(toEntry(existing))
        await softDeleteEntry(trx, entryId)
      })
    },

    async uploadPhoto(p: ParticipantContext, contentType: string, bytes: Buffer) {
      await openDiaryFor(p)
      const kind = PHOTO_SIGNATURES.find(([, matches]) => matches(bytes))?.[0]
      if (!kind || kind !== contentType) throw new PhotoTypeError()
      return insertPhoto(db, p.participantId, kind, bytes)
    },

    async photoForParticipant(p: ParticipantContext, photoId: string) {
      const ph = await photoOfParticipant(db, p.participantId, photoId)
      if (!ph) throw new PhotoNotFoundError(photoId)
      return ph
    },

    // ---------- exports (issue 15): read in the export job's transaction, rows through a cursor ----------
    countEntriesForExport: (trx: Kysely<DB>, f: ExportRowFilter) => countEntriesForExport(trx, f),
    streamEntriesForExport: (trx: Kysely<DB>, f: ExportRowFilter, contact: boolean, chunk: number) =>
      streamEntriesForExport(trx, f, contact, chunk),
    countPhotosForExport: (trx: Kysely<DB>, f: ExportRowFilter) => countPhotosForExport(trx, f),
    streamPhotosForExport: (trx: Kysely<DB>, f: ExportRowFilter, chunk: number) => streamPhotosForExport(trx, f, chunk),
  }
}
export type DiaryService = ReturnType<typeof createDiaryService>
