import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from '../../config.js'
import type { DB } from '../../db/schema.js'
import { MissingRequestedWithError } from '../participants/participants.errors.js'
import { requireRole } from '../../lib/roles.js'
import { hashToken, newToken } from '../../lib/tokens.js'
import type { Analyst } from '../auth/auth.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import type { Respondent } from '../responses/responses.service.js'
import {
  AnonymousUnauthenticatedError,
  LinkClosedError,
  LinkNotFoundError,
  SurveyNotFoundError,
} from './surveys.errors.js'
import {
  findAnonymousSession,
  findOpenLink,
  insertAnonymousSession,
  insertLink,
  listLinks,
  revokeLink,
} from './links.queries.js'
import { findSurveyInStudy } from './surveys.queries.js'
import { toLink } from './surveys.mappers.js'

export const ANONYMOUS_COOKIE = 'kr_anon'

declare module 'fastify' {
  interface FastifyRequest {
    anonymous: Extract<Respondent, { kind: 'anonymous' }>
  }
}

export function createLinksService({
  db,
  config,
  studies,
}: {
  db: Kysely<DB>
  config: Config
  studies: StudiesService
}) {
  async function surveyIn(a: Analyst, studyId: string, surveyId: string) {
    await studies.get(a, studyId)
    if (!(await findSurveyInStudy(db, studyId, surveyId))) throw new SurveyNotFoundError(surveyId)
  }
  return {
    async list(a: Analyst, studyId: string, surveyId: string) {
      await surveyIn(a, studyId, surveyId)
      return { items: (await listLinks(db, surveyId)).map((r) => toLink(r)) }
    },
    /** The link is shown once; only the token's hash is kept. */
    async create(
      a: Analyst,
      studyId: string,
      surveyId: string,
      body: { expiresAt: string | null; maxResponses: number | null },
    ) {
      requireRole(a, 'researcher', 'share survey links')
      await surveyIn(a, studyId, surveyId)
      const token = newToken()
      const row = await insertLink(db, {
        surveyId,
        tokenHash: hashToken(token),
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
        maxResponses: body.maxResponses,
      })
      return toLink({ ...row, responses: 0 }, `${config.publicUrl}/s/${token}`)
    },
    async revoke(a: Analyst, studyId: string, surveyId: string, linkId: string) {
      requireRole(a, 'researcher', 'revoke survey links')
      await surveyIn(a, studyId, surveyId)
      if (!(await revokeLink(db, surveyId, linkId))) throw new LinkNotFoundError(linkId)
    },

    /** `GET /s/<token>`: a browser session for this link (cookie), and on to the app; the token leaves the address bar. */
    async open(token: string, reply: FastifyReply) {
      const link = token.length <= 100 ? await findOpenLink(db, hashToken(token)) : undefined
      if (!link) return reply.code(303).header('cache-control', 'no-store').redirect('/r/?link=invalid')
      const cookie = newToken()
      await insertAnonymousSession(db, hashToken(cookie), link.id)
      reply.setCookie(ANONYMOUS_COOKIE, cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.secureCookies,
        maxAge: 30 * 86_400,
      })
      return reply.code(303).header('cache-control', 'no-store').redirect(`/r/?survey=${link.survey_id}`)
    },

    async verify(request: FastifyRequest) {
      const cookie = request.cookies[ANONYMOUS_COOKIE]
      const s = cookie ? await findAnonymousSession(db, hashToken(cookie)) : undefined
      if (!s) throw new AnonymousUnauthenticatedError()
      // revoked or expired ends every session at once, also of browsers halfway through (as a revoked personal link does)
      if (s.revoked_at || (s.expires_at && s.expires_at <= new Date())) throw new LinkClosedError()
      if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && request.headers['x-requested-with'] !== 'klantreis')
        throw new MissingRequestedWithError()
      request.anonymous = {
        kind: 'anonymous',
        studyId: s.study_id,
        sessionId: s.id,
        linkId: s.link_id,
        surveyId: s.survey_id,
      }
    },
  }
}
export type LinksService = ReturnType<typeof createLinksService>
