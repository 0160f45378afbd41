import type { Kysely } from 'kysely'
import type { Config } from '../../config.js'
import type { DB } from '../../db/schema.js'
import { MissingRequestedWithError } from '../participants/participants.errors.js'
import { requireRole } from '../../lib/roles.js'
import { hashToken, newToken } from '../../lib/tokens.js'
import type { Analyst, AnonymousRespondent, RequestFacts } from '../../lib/actors.js'
import { recordAnalystAudit, studySubject } from '../audit/audit.service.js'
import type { StudiesService } from '../studies/studies.service.js'
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
      ip: string,
    ) {
      requireRole(a, 'researcher', 'share survey links')
      await surveyIn(a, studyId, surveyId)
      const token = newToken()
      const row = await db.transaction().execute(async (trx) => {
        const link = await insertLink(trx, {
          surveyId,
          tokenHash: hashToken(token),
          expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
          maxResponses: body.maxResponses,
        })
        // the link's id, never its token (the token is the key to the survey)
        await recordAnalystAudit(trx, a, ip, 'link.created', studySubject(studyId), {
          surveyId,
          linkId: link.id,
          expiresAt: body.expiresAt,
          maxResponses: body.maxResponses,
        })
        return link
      })
      return toLink({ ...row, responses: 0 }, `${config.publicUrl}/s/${token}`)
    },
    async revoke(a: Analyst, studyId: string, surveyId: string, linkId: string, ip: string) {
      requireRole(a, 'researcher', 'revoke survey links')
      await surveyIn(a, studyId, surveyId)
      await db.transaction().execute(async (trx) => {
        if (!(await revokeLink(trx, surveyId, linkId))) throw new LinkNotFoundError(linkId)
        await recordAnalystAudit(trx, a, ip, 'link.revoked', studySubject(studyId), { surveyId, linkId })
      })
    },

    /**
     * `GET /s/<token>`: a browser session for this link, whose cookie the route sets before sending
     * the browser on to `landing` in the app (the token leaves the address bar). Null: no open link.
     */
    async open(token: string): Promise<{ cookie: string; landing: string } | null> {
      const link = token.length <= 100 ? await findOpenLink(db, hashToken(token)) : undefined
      if (!link) return null
      const cookie = newToken()
      await insertAnonymousSession(db, hashToken(cookie), link.id)
      return { cookie, landing: `/r/?survey=${link.survey_id}` }
    },

    /** The anonymous respondent behind an anonymous-session cookie (undefined: none sent), for plugins/auth.ts. */
    async resolveSession(cookie: string | undefined, request: RequestFacts): Promise<AnonymousRespondent> {
      const s = cookie ? await findAnonymousSession(db, hashToken(cookie)) : undefined
      if (!s) throw new AnonymousUnauthenticatedError()
      // revoked or expired ends every session at once, also of browsers halfway through (as a revoked personal link does)
      if (s.revoked_at || (s.expires_at && s.expires_at <= new Date())) throw new LinkClosedError()
      if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && request.headers['x-requested-with'] !== 'klantreis')
        throw new MissingRequestedWithError()
      return {
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
