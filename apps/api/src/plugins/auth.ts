import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Analyst, AnonymousRespondent, ClientFacts, ParticipantContext, RequestFacts } from '../lib/actors.js'
import { SessionExpiredError, UnauthenticatedError } from '../lib/errors.js'

export const SESSION_COOKIE = 'kr_session'
export const PARTICIPANT_COOKIE = 'kr_participant'
export const ANONYMOUS_COOKIE = 'kr_anon'
const ANONYMOUS_SESSION_SECONDS = 30 * 86_400

/**
 * The three sessions' lookups, passed in by app.ts from the services that own them (plugins import
 * no module). Each throws its typed error when the cookie does not let the request in.
 */
export type SessionResolvers = {
  analyst: (token: string, request: RequestFacts) => Promise<Analyst>
  participant: (cookie: string | undefined, request: RequestFacts) => Promise<ParticipantContext>
  anonymous: (cookie: string | undefined, request: RequestFacts) => Promise<AnonymousRespondent>
}

type SessionHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook of the analyst tree: session cookie → request.analyst, plus CSRF for writes. */
    verifyAnalystSession: SessionHook
    /** onRequest hook of the respondent tree: participant cookie → request.participant. */
    verifyParticipantSession: SessionHook
    /** onRequest hook of the anonymous-link tree: anonymous cookie → request.anonymous. */
    verifyAnonymousSession: SessionHook
  }
  interface FastifyRequest {
    analyst: Analyst
    participant: ParticipantContext
    anonymous: AnonymousRespondent
  }
  interface FastifyReply {
    /** The analyst session cookie, after signing in. */
    setAnalystSession(token: string): FastifyReply
    clearAnalystSession(): FastifyReply
    /** The participant session cookie; it lasts as long as the personal link it came from. */
    setParticipantSession(cookie: string, expires: Date): FastifyReply
    setAnonymousSession(cookie: string): FastifyReply
  }
}

/** Where a request comes from, for a new session's row and the audit log. */
export const clientOf = (request: FastifyRequest): ClientFacts => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
})

/** The session cookies, read and written in this one place: the services only see tokens. */
export default fp<{ sessions: SessionResolvers }>(
  async (app, { sessions }) => {
    const secure = app.config.secureCookies
    const sessionMaxAge = Math.floor((app.config.SESSION_ABSOLUTE_HOURS * 3_600_000) / 1000)

    app.decorateRequest('analyst', null as never)
    app.decorateReply('setAnalystSession', function (this: FastifyReply, token: string) {
      return this.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: sessionMaxAge,
      })
    })
    app.decorateReply('clearAnalystSession', function (this: FastifyReply) {
      return this.clearCookie(SESSION_COOKIE, { path: '/' })
    })
    app.decorateReply('setParticipantSession', function (this: FastifyReply, cookie: string, expires: Date) {
      return this.setCookie(PARTICIPANT_COOKIE, cookie, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires })
    })
    app.decorateReply('setAnonymousSession', function (this: FastifyReply, cookie: string) {
      return this.setCookie(ANONYMOUS_COOKIE, cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: ANONYMOUS_SESSION_SECONDS,
      })
    })

    app.decorate('verifyAnalystSession', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = request.cookies[SESSION_COOKIE]
      if (!token) throw new UnauthenticatedError()
      try {
        request.analyst = await sessions.analyst(token, request)
      } catch (err) {
        // an unknown or expired session: the cookie is of no more use to the browser
        if (err instanceof UnauthenticatedError || err instanceof SessionExpiredError) reply.clearAnalystSession()
        throw err
      }
    })
    app.decorate('verifyParticipantSession', async (request: FastifyRequest) => {
      request.participant = await sessions.participant(request.cookies[PARTICIPANT_COOKIE], request)
    })
    app.decorate('verifyAnonymousSession', async (request: FastifyRequest) => {
      request.anonymous = await sessions.anonymous(request.cookies[ANONYMOUS_COOKIE], request)
    })
  },
  { name: 'auth', dependencies: ['config'] },
)
