import type {
  CodebookFile,
  Coding,
  CreateCodeBodySchema,
  CreateSampleBodySchema,
  PutCodingBodySchema,
  UpdateCodeBodySchema,
} from '@klantreis/shared/coding'
import { SourceRefSchema } from '@klantreis/shared/coding'
import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { DB } from '../../db/schema.js'
import { RuleValidationError } from '../../lib/errors.js'
import { decodeCursor, pageFrom } from '../../lib/pagination.js'
import { requireRole } from '../../lib/roles.js'
import type { Analyst } from '../../lib/actors.js'
import { recordAnalystAudit, studySubject } from '../audit/audit.service.js'
import { TouchpointNotFoundError } from '../journey/journey.errors.js'
import type { StudiesService } from '../studies/studies.service.js'
import { computeAgreement } from './coding.agreement.js'
import {
  CodeConflictError,
  CodeHasChildrenError,
  CodeInUseError,
  CodeNameTakenError,
  CodeNotFoundError,
  CodingConflictError,
  CodingNotFoundError,
  CoderNotFoundError,
  SampleNotFoundError,
  SourceNotFoundError,
} from './coding.errors.js'
import {
  accountsInOrganization,
  allSourceRefs,
  codedPerCoder,
  type CodingRow,
  countCodesIn,
  countCodeUses,
  deleteCode,
  deleteCoding,
  findCode,
  findSample,
  hasChildren,
  insertCode,
  insertCoding,
  insertSample,
  insertSampleSources,
  listCodes,
  listCodings,
  listSamples,
  listSources,
  listTouchpointNames,
  lockCoding,
  eraseParticipantCodings,
  nextCodePosition,
  participantCodingIds,
  remapCode,
  sampleSources,
  setCodingCodes,
  touchpointOfStudy,
  updateCode,
  updateCoding,
} from './coding.queries.js'
import { type CodeRow, toCode, toSource } from './coding.mappers.js'
import { codingsForExport } from './coding.access.queries.js'
import type { ExportRowFilter } from '../../db/export-filters.js'
import { countCodingsForExport, streamCodingsForExport } from './coding.queries.js'

/** Where a source reference points: an entry, or an answer (and an empathy item within it). */
function parseRef(ref: string) {
  const [kind, a, b, c] = ref.split(':') as [string, string, string?, string?]
  if (kind === 'diary_entry') return { entryId: a, responseId: null, questionId: null, itemIndex: null }
  return { entryId: null, responseId: a, questionId: b!, itemIndex: kind === 'empathy_item' ? Number(c) : null }
}

/** A source's current text decides whether a coding's quote still sits at its span. */
const stale = (r: CodingRow, text: string | undefined) =>
  text === undefined || text.slice(r.span_start, r.span_end) !== r.quote

/** A deterministic draw: the sources ordered by a hash of (seed, ref), the first share of them. */
function draw(refs: string[], share: number, seed: number) {
  const key = (ref: string) => createHash('sha256').update(`${seed}:${ref}`).digest('hex')
  return [...refs].sort((x, y) => (key(x) < key(y) ? -1 : 1)).slice(0, Math.max(1, Math.round(refs.length * share)))
}

/** The codebook file's codes: parents first, so an import can create them before their children. */
function codebookCodes(codes: CodeRow[]): CodebookFile['codes'] {
  const nameOf = new Map(codes.map((c) => [c.id, c.name]))
  const depth = (c: CodeRow): number => (c.parent_id ? 1 + depth(codes.find((x) => x.id === c.parent_id)!) : 0)
  return [...codes]
    .sort((x, y) => depth(x) - depth(y) || x.position - y.position)
    .map((c) => ({
      name: c.name,
      description: c.description,
      colour: c.colour,
      shortcut: c.shortcut,
      parent: c.parent_id ? (nameOf.get(c.parent_id) ?? '') : '',
    }))
}

export function createCodingService({ db, studies }: { db: Kysely<DB>; studies: StudiesService }) {
  async function sourceText(studyId: string, coderId: string, ref: string) {
    const [row] = await listSources(db, studyId, { limit: 1, ref, coderId })
    return row
  }
  async function codingsWithState(
    studyId: string,
    f: Parameters<typeof listCodings>[2],
    coderId: string,
  ): Promise<Coding[]> {
    const rows = await listCodings(db, studyId, f)
    const texts = new Map<string, string | undefined>()
    for (const ref of new Set(rows.map((r) => r.source)))
      texts.set(ref, (await sourceText(studyId, coderId, ref))?.text)
    return rows.map((r) => ({
      id: r.id,
      source: r.source,
      start: r.span_start,
      end: r.span_end,
      quote: r.quote,
      stale: stale(r, texts.get(r.source)),
      touchpointId: r.touchpoint_id,
      valence: r.valence as Coding['valence'],
      codeIds: (r.code_ids ?? []) as string[],
      coder: r.coder_id ? { id: r.coder_id, name: r.coder_name ?? '' } : null,
      sampleId: r.sample_id,
      version: r.version,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    }))
  }
  async function codeIn(studyId: string, codeId: string) {
    const c = await findCode(db, studyId, codeId)
    if (!c) throw new CodeNotFoundError(codeId)
    return c
  }

  return {
    /** Erasure: the codings of a participant's sources (findings unlink them first: `participantCodingIds`). */
    participantCodingIds: (trx: Kysely<DB>, participantId: string) => participantCodingIds(trx, participantId),
    eraseParticipant: (trx: Kysely<DB>, participantId: string) => eraseParticipantCodings(trx, participantId),
    /** Subject access (modules/access), in the caller's snapshot: the codings of the participant's words, with code names and quotes. */
    exportParticipant: async (trx: Kysely<DB>, participantId: string) =>
      (await codingsForExport(trx, participantId)).map((c) => ({
        source: c.source.split(':')[0]!,
        quote: c.quote,
        codes: c.code_names ?? [],
        touchpoint: c.touchpoint_name,
        valence: c.valence,
        codedAt: c.created_at.toISOString(),
      })),

    // ---------- codebook ----------
    async codebook(a: Analyst, studyId: string) {
      await studies.get(a, studyId)
      return { items: (await listCodes(db, studyId)).map(toCode) }
    },

    async createCode(a: Analyst, studyId: string, b: z.output<typeof CreateCodeBodySchema>) {
      requireRole(a, 'researcher', 'change the codebook')
      await studies.get(a, studyId)
      if (b.parentId) await codeIn(studyId, b.parentId)
      try {
        const { id } = await insertCode(db, { studyId, ...b, position: await nextCodePosition(db, studyId) })
        return toCode({ ...(await findCode(db, studyId, id))!, uses: 0 })
      } catch (err) {
        throw uniqueViolation(err, b.name) ?? err
      }
    },

    async updateCode(a: Analyst, studyId: string, codeId: string, b: z.output<typeof UpdateCodeBodySchema>) {
      requireRole(a, 'researcher', 'change the codebook')
      await studies.get(a, studyId)
      const current = await codeIn(studyId, codeId)
      if (b.parentId) {
        // a code cannot move under itself or its own descendants
        const all = await listCodes(db, studyId)
        for (let p: string | null = b.parentId; p; p = all.find((c) => c.id === p)?.parent_id ?? null) {
          if (p === codeId)
            throw new RuleValidationError([{ path: 'body.parentId', message: 'a code cannot be placed under itself' }])
        }
        await codeIn(studyId, b.parentId)
      }
      const { baseVersion, parentId, ...rest } = b
      try {
        const done = await updateCode(db, codeId, baseVersion, {
          ...rest,
          ...(parentId !== undefined ? { parent_id: parentId } : {}),
        })
        if (!done) throw new CodeConflictError(current.version)
      } catch (err) {
        throw uniqueViolation(err, b.name ?? current.name) ?? err
      }
      return toCode((await listCodes(db, studyId)).find((c) => c.id === codeId)!)
    },

    /** A code in use is not deleted silently: re-map its codings to another code, or be told how many use it. */
    async deleteCode(a: Analyst, studyId: string, codeId: string, remapTo?: string) {
      requireRole(a, 'researcher', 'change the codebook')
      await studies.get(a, studyId)
      await codeIn(studyId, codeId)
      if (await hasChildren(db, codeId)) throw new CodeHasChildrenError()
      if (remapTo) {
        if (remapTo === codeId)
          throw new RuleValidationError([{ path: 'querystring.remapTo', message: 'remap to another code' }])
        await codeIn(studyId, remapTo)
      }
      await db.transaction().execute(async (trx) => {
        const uses = await countCodeUses(trx, codeId)
        if (uses > 0 && !remapTo) throw new CodeInUseError(uses)
        if (remapTo) await remapCode(trx, codeId, remapTo)
        await deleteCode(trx, codeId)
      })
    },

    /** A download of the codebook (json or csv), audited as a data download. */
    async exportCodebook(a: Analyst, studyId: string, ip: string, format: 'json' | 'csv'): Promise<CodebookFile> {
      await studies.get(a, studyId)
      const codes = await listCodes(db, studyId)
      await recordAnalystAudit(db, a, ip, 'export.downloaded', studySubject(studyId), {
        what: 'codebook',
        format,
        rows: codes.length,
      })
      return { format: 'klantreis-codebook', version: 1, codes: codebookCodes(codes) }
    },

    /** Codes whose name is already at that level are skipped (and said); a shortcut already taken is dropped. */
    async importCodebook(a: Analyst, studyId: string, file: CodebookFile) {
      requireRole(a, 'researcher', 'change the codebook')
      await studies.get(a, studyId)
      return db.transaction().execute(async (trx) => {
        const existing = await listCodes(trx, studyId)
        const byName = new Map(existing.map((c) => [`${c.parent_id ?? ''}|${c.name.toLowerCase()}`, c.id]))
        const idOfName = new Map(existing.map((c) => [c.name.toLowerCase(), c.id]))
        const shortcuts = new Set(existing.map((c) => c.shortcut).filter(Boolean))
        let position = await nextCodePosition(trx, studyId)
        let created = 0
        const skipped: { name: string; reason: string }[] = []
        for (const c of file.codes) {
          const parentId = c.parent ? (idOfName.get(c.parent.toLowerCase()) ?? null) : null
          if (c.parent && !parentId) {
            skipped.push({ name: c.name, reason: `parent "${c.parent}" not found` })
            continue
          }
          const key = `${parentId ?? ''}|${c.name.toLowerCase()}`
          if (byName.has(key)) {
            skipped.push({ name: c.name, reason: 'already in the codebook' })
            continue
          }
          const shortcut = c.shortcut && !shortcuts.has(c.shortcut) ? c.shortcut : null
          if (shortcut) shortcuts.add(shortcut)
          const { id } = await insertCode(trx, {
            studyId,
            parentId,
            name: c.name,
            description: c.description,
            colour: c.colour,
            shortcut,
            position: position++,
          })
          byName.set(key, id)
          if (!idOfName.has(c.name.toLowerCase())) idOfName.set(c.name.toLowerCase(), id)
          created++
        }
        return { created, skipped }
      })
    },

    // ---------- sources ----------
    async sources(
      a: Analyst,
      studyId: string,
      q: Omit<Parameters<typeof listSources>[2], 'after' | 'coderId'> & { cursor?: string },
    ) {
      await studies.get(a, studyId)
      const after = decodeCursor(q.cursor, ['timestamp', SourceRefSchema])
      return pageFrom(await listSources(db, studyId, { ...q, after, coderId: a.accountId }), q.limit, toSource, (r) => [
        r.at_key,
        r.ref,
      ])
    },

    // ---------- codings ----------
    /** Blind double coding: inside a sample a researcher sees only their own codings. */
    async codings(a: Analyst, studyId: string, q: { source?: string; coderId?: string; sampleId?: string }) {
      await studies.get(a, studyId)
      if (q.sampleId) {
        const s = await findSample(db, studyId, q.sampleId)
        if (!s) throw new SampleNotFoundError(q.sampleId)
        if (s.coder_ids.includes(a.accountId))
          return { items: await codingsWithState(studyId, { ...q, coderId: a.accountId }, a.accountId) }
      }
      // blind everywhere: the other coder's sample codings stay hidden from a coder of that sample
      const mine = new Set(
        (await listSamples(db, studyId)).filter((s) => s.coder_ids.includes(a.accountId)).map((s) => s.id),
      )
      const items = await codingsWithState(studyId, q, a.accountId)
      return { items: items.filter((c) => !c.sampleId || !mine.has(c.sampleId) || c.coder?.id === a.accountId) }
    },

    /**
     * Create (the client made the id: a retried save is one coding) or edit one coding. An edit
     * names the version it started from: if another researcher changed it meanwhile, the answer is
     * a conflict, never a silent overwrite.
     */
    async putCoding(a: Analyst, studyId: string, codingId: string, b: z.output<typeof PutCodingBodySchema>) {
      requireRole(a, 'researcher', 'code')
      await studies.get(a, studyId)
      const source = await sourceText(studyId, a.accountId, b.source)
      if (!source) throw new SourceNotFoundError(b.source)
      if (b.end > source.text.length)
        throw new RuleValidationError([
          { path: 'body.end', message: `outside the text (it has ${source.text.length} characters)` },
        ])
      if (b.touchpointId && !(await touchpointOfStudy(db, studyId, b.touchpointId)))
        throw new TouchpointNotFoundError(b.touchpointId)
      const codeIds = [...new Set(b.codeIds)]
      if ((await countCodesIn(db, studyId, codeIds)) !== codeIds.length)
        throw new CodeNotFoundError('one or more of codeIds')
      if (b.sampleId && !(await findSample(db, studyId, b.sampleId))) throw new SampleNotFoundError(b.sampleId)
      const quote = source.text.slice(b.start, b.end)
      const created = await db.transaction().execute(async (trx) => {
        const existing = await lockCoding(trx, codingId)
        if (!existing) {
          if (b.baseVersion !== null) throw new CodingConflictError('This coding was deleted meanwhile')
          await insertCoding(trx, {
            id: codingId,
            studyId,
            ...parseRef(b.source),
            source: b.source,
            start: b.start,
            end: b.end,
            quote,
            touchpointId: b.touchpointId,
            valence: b.valence,
            coderId: a.accountId,
            sampleId: b.sampleId,
          })
          await setCodingCodes(trx, codingId, codeIds)
          return true
        }
        if (existing.study_id !== studyId) throw new CodingNotFoundError(codingId)
        if (existing.source !== b.source)
          throw new RuleValidationError([{ path: 'body.source', message: 'a coding stays on its source' }])
        const same =
          existing.span_start === b.start &&
          existing.span_end === b.end &&
          existing.touchpoint_id === b.touchpointId &&
          existing.valence === b.valence
        if (b.baseVersion === null) {
          // a replay of the create is the same coding; anything else under this id is not ours to change
          if (same) return false
          throw new CodingConflictError('A coding with this id exists')
        }
        if (b.baseVersion !== existing.version)
          throw new CodingConflictError('Someone else changed this coding meanwhile')
        await updateCoding(trx, codingId, {
          start: b.start,
          end: b.end,
          quote,
          touchpointId: b.touchpointId,
          valence: b.valence,
        })
        await setCodingCodes(trx, codingId, codeIds)
        return false
      })
      const [coding] = await codingsWithState(studyId, { ids: [codingId] }, a.accountId)
      return { created, coding: coding! }
    },

    async deleteCoding(a: Analyst, studyId: string, codingId: string, baseVersion: number) {
      requireRole(a, 'researcher', 'code')
      await studies.get(a, studyId)
      await db.transaction().execute(async (trx) => {
        const existing = await lockCoding(trx, codingId)
        if (!existing || existing.study_id !== studyId) throw new CodingNotFoundError(codingId)
        if (existing.version !== baseVersion)
          throw new CodingConflictError('Someone else changed this coding meanwhile')
        await deleteCoding(trx, codingId)
      })
    },

    // ---------- double coding ----------
    async createSample(a: Analyst, studyId: string, b: z.output<typeof CreateSampleBodySchema>) {
      requireRole(a, 'researcher', 'set up double coding')
      await studies.get(a, studyId)
      const coders = await accountsInOrganization(db, a.organizationId, b.coderIds)
      if (new Set(b.coderIds).size !== 2)
        throw new RuleValidationError([{ path: 'body.coderIds', message: 'two different researchers' }])
      if (coders.length !== 2) throw new CoderNotFoundError()
      const refs = await allSourceRefs(db, studyId, b.kinds)
      if (refs.length === 0)
        throw new RuleValidationError([{ path: 'body.kinds', message: 'there is nothing to code yet' }])
      const picked = draw(refs, b.share, b.seed ?? Math.floor(Math.random() * 2 ** 31))
      const id = await db.transaction().execute(async (trx) => {
        const s = await insertSample(trx, { studyId, name: b.name, share: b.share, coderIds: b.coderIds })
        await insertSampleSources(trx, s.id, picked)
        return s.id
      })
      return (await this.samples(a, studyId)).items.find((s) => s.id === id)!
    },

    async samples(a: Analyst, studyId: string) {
      await studies.get(a, studyId)
      const rows = await listSamples(db, studyId)
      const items = []
      for (const s of rows) {
        const names = await accountsInOrganization(db, a.organizationId, s.coder_ids)
        const coded = await codedPerCoder(db, s.id)
        items.push({
          id: s.id,
          name: s.name,
          share: s.share,
          size: Number(s.size),
          coders: s.coder_ids.map((id) => ({
            id,
            name: names.find((n) => n.id === id)?.name ?? '',
            coded: coded.find((c) => c.coder_id === id)?.n ?? 0,
          })),
          erasedSources: s.erased_sources,
          createdAt: s.created_at.toISOString(),
        })
      }
      return { items }
    },

    sampleOf: async (a: Analyst, studyId: string, sampleId: string) => {
      await studies.get(a, studyId)
      const s = await findSample(db, studyId, sampleId)
      if (!s) throw new SampleNotFoundError(sampleId)
      return s
    },
    /** Agreement of the sample's two coders, per variable, with the disagreements to talk through. */
    async agreement(a: Analyst, studyId: string, sampleId: string) {
      await studies.get(a, studyId)
      const s = await findSample(db, studyId, sampleId)
      if (!s) throw new SampleNotFoundError(sampleId)
      const [codings, codes, sources, touchpoints] = await Promise.all([
        listCodings(db, studyId, { sampleId }),
        listCodes(db, studyId),
        sampleSources(db, sampleId),
        listTouchpointNames(db, studyId),
      ])
      const tp = new Map(touchpoints.map((t) => [t.id, t.name]))
      return computeAgreement(
        sampleId,
        [s.coder_ids[0]!, s.coder_ids[1]!],
        sources,
        codings,
        codes,
        (id) => tp.get(id) ?? id,
      )
    },

    // ---------- exports (issue 15): read in the export job's transaction, rows through a cursor ----------
    countForExport: (trx: Kysely<DB>, f: ExportRowFilter) => countCodingsForExport(trx, f),
    streamForExport: (trx: Kysely<DB>, f: ExportRowFilter, chunk: number) => streamCodingsForExport(trx, f, chunk),
    /** The codebook as its CSV export has it (the same columns and order), for the export's codebook table. */
    codebookForExport: async (trx: Kysely<DB>, studyId: string) => codebookCodes(await listCodes(trx, studyId)),
  }
}
export type CodingService = ReturnType<typeof createCodingService>

/** A name or shortcut already taken in this study: say which, as a 409 the form can show. */
function uniqueViolation(err: unknown, name: string) {
  const e = err as { code?: string; constraint?: string }
  if (e.code !== '23505') return undefined
  return new CodeNameTakenError(
    e.constraint === 'code_shortcut_key'
      ? 'That shortcut key is already used by another code'
      : `"${name}" is already a code at this level`,
  )
}
