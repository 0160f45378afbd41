import type {
  ConsentText,
  CreateParticipantBodySchema,
  ListParticipantsQuerySchema,
  UpdateParticipantBodySchema,
} from '@klantreis/shared/participants'
import { REPLACED_LINK_GRACE_HOURS } from '@klantreis/shared/messages'
import type { Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import type { Pool } from 'pg'
import type { z } from 'zod'
import type { Config } from '../../config.js'
import type { DB } from '../../db/schema.js'
import { ServiceUnavailableError } from '../../lib/errors.js'
import { decodeCursor, pageFrom } from '../../lib/pagination.js'
import { requireRole, seesContactDetails } from '../../lib/roles.js'
import { hashToken, newToken } from '../../lib/tokens.js'
import type { Analyst, ParticipantContext, RequestFacts } from '../../lib/actors.js'
import { recordAnalystAudit, recordParticipantAudit, studySubject } from '../audit/audit.service.js'
import { PersonaNotFoundError } from '../journey/journey.errors.js'
import type { DashboardService } from '../dashboard/dashboard.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import { importJobId } from './participants.import.js'
import {
  ConsentNotFoundError,
  ConsentRequiredError,
  ConsentVersionError,
  ImportNotFoundError,
  MissingRequestedWithError,
  ParticipantExistsError,
  ParticipantNotFoundError,
  ParticipantChangedError,
  ParticipantUnauthenticatedError,
} from './participants.errors.js'
import {
  eraseParticipantRow,
  findImportInStudy,
  findParticipant,
  findParticipantSession,
  findUsableParticipantToken,
  insertConsentVersion,
  insertImport,
  insertParticipant,
  insertParticipantSession,
  insertParticipantToken,
  latestConsent,
  listParticipants,
  lockParticipantForErasure,
  markTokenUsed,
  personaInStudy,
  recordConsent,
  replaceOlderMailLinks as replaceOlderMailLinksOf,
  revokeParticipantAccess,
  setParticipantLanguage,
  updateImport,
  updateParticipant,
} from './participants.queries.js'
import { toImport, toParticipant } from './participants.mappers.js'
import { participantForExport, participantLinksForExport } from './participants.access.queries.js'
import { listSegmentKeys } from './participants.queries.js'

/** Where a personal link from a mail lands in the app: a new moment (`to=new`), a questionnaire (`to=survey:<id>`), else the diary. */
const landing = (to: string | undefined) => {
  if (to === 'new') return '#/new'
  const survey = /^survey:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(to ?? '')
  return survey ? `#/survey/${survey[1]}` : ''
}
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * A new personal link for a participant mail; the token goes into the mail only. Every mail gets its
 * own because only a link's hash is stored: putting an earlier link into a mail again would mean
 * keeping the tokens themselves (encrypted, with a key to manage), a store of working links to guard.
 */
export async function mintMailLink(db: Kysely<DB>, participantId: string, mailMessageId: string, expiresAt: Date) {
  const token = newToken()
  await insertParticipantToken(db, participantId, hashToken(token), expiresAt, mailMessageId)
  return token
}

/**
 * Once a mail with a new link went out, the participant's older mail links are replaced: they open
 * for REPLACED_LINK_GRACE_HOURS more, so one live link is left instead of one per mail. Returns how many.
 */
export const replaceOlderMailLinks = async (db: Kysely<DB>, participantId: string, mailMessageId: string, now: Date) =>
  Number(await replaceOlderMailLinksOf(db, participantId, mailMessageId, now))

/** Whose consent a write depends on; `latestConsent` is there when the session lookup brought it along. */
export type ConsentHolder = {
  studyId: string
  consentVersion: number | null
  latestConsent?: number | null | undefined
}

export function createParticipantsService({
  db,
  pool,
  config,
  studies,
  dashboard,
  workQueue,
}: {
  db: Kysely<DB>
  pool: Pool
  config: Config
  studies: StudiesService
  dashboard: Pick<DashboardService, 'unfoldParticipant'>
  workQueue: Queue
}) {
  async function participantIn(a: Analyst, studyId: string, participantId: string) {
    await studies.get(a, studyId)
    const p = await findParticipant(db, studyId, participantId)
    if (!p) throw new ParticipantNotFoundError(participantId)
    return p
  }
  async function one(a: Analyst, studyId: string, participantId: string) {
    const [row] = await listParticipants(db, studyId, { limit: 1, participantId })
    return toParticipant(row!, seesContactDetails(a))
  }

  return {
    /** Erasure (modules/erasure), in its transaction: the participant locked, or none (another org's, or erased). */
    lockForErasure: (trx: Kysely<DB>, studyId: string, participantId: string) =>
      lockParticipantForErasure(trx, studyId, participantId),
    /** Erasure, last: sessions, links, the row (consent record, attributes, segments), their lines in import CSVs. */
    eraseParticipant: (trx: Kysely<DB>, studyId: string, participant: { id: string; email: string }) =>
      eraseParticipantRow(trx, studyId, participant.id, participant.email),

    /**
     * Subject access (modules/access), in the caller's snapshot: the participant's own fields, the
     * consent they gave (with the text, in their language) and their personal links as dates only
     * (never a token or its hash). Undefined when there is no such participant in the study.
     */
    async exportParticipant(trx: Kysely<DB>, studyId: string, participantId: string) {
      const p = await participantForExport(trx, studyId, participantId)
      if (!p) return undefined
      const links = await participantLinksForExport(trx, participantId)
      const iso = (d: Date | null) => d?.toISOString() ?? null
      const texts = (p.consent_texts ?? {}) as Record<string, string>
      return {
        participant: {
          id: p.id,
          studyId: p.study_id,
          email: p.email,
          name: p.name,
          language: p.language as 'nl' | 'en',
          timeZone: p.time_zone,
          externalRef: p.external_ref,
          persona: p.persona_name,
          segments: p.segments,
          finishedAt: iso(p.finished_at),
          unsubscribedAt: iso(p.unsubscribed_at),
          unsubscribeReason: p.unsubscribe_reason,
          createdAt: p.created_at.toISOString(),
        },
        consent:
          p.consent_version === null
            ? []
            : [
                {
                  version: p.consent_version,
                  consentedAt: iso(p.consented_at),
                  text: texts[p.language] ?? Object.values(texts)[0] ?? null,
                },
              ],
        links: links.map((l) => ({
          createdAt: l.created_at.toISOString(),
          expiresAt: l.expires_at.toISOString(),
          revokedAt: iso(l.revoked_at),
          replacedAt: iso(l.replaced_at),
          lastUsedAt: iso(l.last_used_at),
        })),
      }
    },

    /** A participant of a study, for a module that has already checked the caller may see the study (messages). */
    findInStudy: (studyId: string, participantId: string) => findParticipant(db, studyId, participantId),

    async list(a: Analyst, studyId: string, q: z.output<typeof ListParticipantsQuerySchema>) {
      await studies.get(a, studyId)
      const after = decodeCursor(q.cursor, ['timestamp', 'uuid'])
      return pageFrom(
        await listParticipants(db, studyId, { limit: q.limit, after, segment: q.segment }),
        q.limit,
        (r) => toParticipant(r, seesContactDetails(a)),
        (r) => [r.created_key, r.id],
      )
    },

    async get(a: Analyst, studyId: string, participantId: string) {
      await participantIn(a, studyId, participantId)
      return one(a, studyId, participantId)
    },

    /** A researcher opens a participant's details: the same as get, and audited as a view of personal data. */
    async view(a: Analyst, studyId: string, participantId: string, ip: string) {
      await participantIn(a, studyId, participantId)
      await recordParticipantAudit(db, a, ip, 'participant.viewed', studyId, participantId, { what: 'details' })
      return one(a, studyId, participantId)
    },

    async create(a: Analyst, studyId: string, body: z.output<typeof CreateParticipantBodySchema>, ip: string) {
      requireRole(a, 'researcher', 'add participants')
      await studies.get(a, studyId)
      if (body.personaId && !(await personaInStudy(db, studyId, body.personaId)))
        throw new PersonaNotFoundError(body.personaId)
      const row = await db.transaction().execute(async (trx) => {
        const inserted = await insertParticipant(trx, studyId, body)
        if (inserted) await recordParticipantAudit(trx, a, ip, 'participant.created', studyId, inserted.id)
        return inserted
      })
      if (!row) throw new ParticipantExistsError(body.email)
      return one(a, studyId, row.id)
    },

    async update(
      a: Analyst,
      studyId: string,
      participantId: string,
      body: z.output<typeof UpdateParticipantBodySchema>,
      ip: string,
    ) {
      requireRole(a, 'researcher', 'edit participants')
      await participantIn(a, studyId, participantId)
      if (body.personaId && !(await personaInStudy(db, studyId, body.personaId)))
        throw new PersonaNotFoundError(body.personaId)
      // an empty body changes nothing (and an UPDATE with nothing to set is not SQL)
      if (Object.values(body).some((v) => v !== undefined))
        await db.transaction().execute(async (trx) => {
          if (body.personaId !== undefined || body.segments !== undefined)
            await dashboard.unfoldParticipant(trx, participantId)
          await updateParticipant(trx, participantId, body)
          // which fields changed, never their values (a name or an address is personal data)
          const fields = Object.keys(body).filter((k) => body[k as keyof typeof body] !== undefined)
          await recordParticipantAudit(trx, a, ip, 'participant.updated', studyId, participantId, { fields })
        })
      return one(a, studyId, participantId)
    },

    /** A new personal link. The token is returned once and only its hash is stored. */
    async createLink(a: Analyst, studyId: string, participantId: string, validDays: number) {
      requireRole(a, 'researcher', 'send personal links')
      await participantIn(a, studyId, participantId)
      const token = newToken()
      const expiresAt = new Date(Date.now() + validDays * 86_400_000)
      await insertParticipantToken(db, participantId, hashToken(token), expiresAt)
      return { link: `${config.publicUrl}/r/t/${token}`, expiresAt: expiresAt.toISOString() }
    },

    async revokeLinks(a: Analyst, studyId: string, participantId: string) {
      requireRole(a, 'researcher', 'revoke personal links')
      await participantIn(a, studyId, participantId)
      await db.transaction().execute((trx) => revokeParticipantAccess(trx, participantId))
    },

    /** The file is stored with the import and read by the job; the answer comes at once (202) and the UI polls. */
    async startImport(a: Analyst, studyId: string, csv: string) {
      requireRole(a, 'researcher', 'import participants')
      await studies.get(a, studyId)
      const row = await insertImport(db, { studyId, csv, createdBy: a.accountId })
      try {
        await workQueue.add('participant-import', { importId: row.id }, { jobId: importJobId(row.id) })
      } catch {
        await updateImport(db, row.id, {
          status: 'failed',
          errors: JSON.stringify([{ row: 0, message: 'The job queue is unavailable; try again' }]),
        })
        throw new ServiceUnavailableError('The job queue is unavailable; try again shortly')
      }
      return toImport(row, seesContactDetails(a))
    },

    async getImport(a: Analyst, studyId: string, importId: string) {
      await studies.get(a, studyId)
      const row = await findImportInStudy(db, studyId, importId)
      if (!row) throw new ImportNotFoundError(importId)
      return toImport(row, seesContactDetails(a))
    },

    async getConsent(a: Analyst, studyId: string): Promise<ConsentText> {
      await studies.get(a, studyId)
      const c = await latestConsent(db, studyId)
      if (!c) throw new ConsentNotFoundError()
      return { version: c.version, texts: c.texts, createdAt: c.created_at.toISOString() }
    },

    async publishConsent(a: Analyst, studyId: string, texts: Record<string, string>, ip: string): Promise<ConsentText> {
      requireRole(a, 'researcher', 'change the consent text')
      await studies.get(a, studyId)
      const c = await db.transaction().execute(async (trx) => {
        const version = await insertConsentVersion(trx, studyId, texts)
        await recordAnalystAudit(trx, a, ip, 'consent.published', studySubject(studyId), { version: version.version })
        return version
      })
      return { version: c.version, texts: c.texts, createdAt: c.created_at.toISOString() }
    },

    /** A participant writes only under the study's newest consent text, once the study has one. */
    async requireConsent(p: ConsentHolder) {
      const latest =
        p.latestConsent !== undefined ? p.latestConsent : ((await latestConsent(db, p.studyId))?.version ?? null)
      if (latest !== null && p.consentVersion !== latest) throw new ConsentRequiredError()
    },

    currentConsent: (studyId: string) => latestConsent(db, studyId),

    async giveConsent(p: ParticipantContext, version: number) {
      const consent = await latestConsent(db, p.studyId)
      if (!consent) throw new ConsentNotFoundError()
      if (consent.version !== version) throw new ConsentVersionError()
      await recordConsent(db, p.participantId, version)
    },

    setLanguage: (p: ParticipantContext, language: 'nl' | 'en') =>
      setParticipantLanguage(db, p.participantId, language),

    /**
     * `GET /r/t/<token>`: swaps the personal link for a participant session, whose cookie (valid as
     * long as the link) the route sets before sending the browser on to `landing` in the app. Null for
     * unknown, expired, revoked and replaced links alike: nothing says whether a token ever existed.
     */
    async openLink(token: string, to?: string): Promise<{ cookie: string; expires: Date; landing: string } | null> {
      const t =
        token.length <= 100
          ? await findUsableParticipantToken(
              db,
              hashToken(token),
              new Date(Date.now() - REPLACED_LINK_GRACE_HOURS * 3_600_000),
            )
          : undefined
      if (!t) return null
      const cookie = newToken()
      await insertParticipantSession(db, {
        id: hashToken(cookie),
        participantId: t.participant_id,
        tokenId: t.id,
        expiresAt: t.expires_at,
      })
      await markTokenUsed(db, t.id)
      return { cookie, expires: t.expires_at, landing: `/r/${landing(to)}` }
    },

    /**
     * The participant behind a participant cookie (undefined: none sent), for plugins/auth.ts. Writes
     * also need x-requested-with (no form can send it cross-site).
     */
    async resolveSession(cookie: string | undefined, request: RequestFacts): Promise<ParticipantContext> {
      if (!cookie) throw new ParticipantUnauthenticatedError()
      const s = await findParticipantSession(pool, hashToken(cookie))
      if (!s) throw new ParticipantUnauthenticatedError()
      if (!SAFE_METHODS.has(request.method) && request.headers['x-requested-with'] !== 'klantreis')
        throw new MissingRequestedWithError()
      // The app says whose data it is sending or reading. If another participant's link was opened in
      // this browser since (the cookie is theirs now), nothing may be written to, or read into, the
      // wrong participant.
      const expected = request.headers['x-klantreis-participant']
      if (typeof expected === 'string' && expected !== s.participant_id) throw new ParticipantChangedError()
      return {
        participantId: s.participant_id,
        studyId: s.study_id,
        language: s.language as 'nl' | 'en',
        name: s.name,
        consentVersion: s.consent_version,
        study: {
          latestConsent: s.latest_consent,
          diary: s.diary_starts_on
            ? {
                starts_on: s.diary_starts_on,
                ends_on: s.diary_ends_on!,
                time_zone: s.diary_time_zone!,
                form: s.diary_form,
              }
            : null,
        },
      }
    },

    /** The segment keys present in the study, in the export job's transaction (issue 15). */
    segmentKeysForExport: (trx: Kysely<DB>, studyId: string) => listSegmentKeys(trx, studyId),
  }
}
export type ParticipantsService = ReturnType<typeof createParticipantsService>
