import { type Me, ROLES, type Role } from '@klantreis/shared/auth'
import type { Kysely } from 'kysely'
import type { Pool } from 'pg'
import type { Config } from '../../config.js'
import type { DB } from '../../db/schema.js'
import type { Analyst, ClientFacts, RequestFacts } from '../../lib/actors.js'
import { CsrfTokenError, SessionExpiredError, UnauthenticatedError } from '../../lib/errors.js'
import { dummyHash, verifyPassword } from '../../lib/passwords.js'
import { hashToken, newToken, safeEqual } from '../../lib/tokens.js'
import { recordAudit } from '../audit/audit.service.js'
import { InvalidCredentialsError, LoginThrottledError, OrganizationNotFoundError } from './auth.errors.js'
import {
  deleteSession,
  deleteStaleLoginAttempts,
  findAccountByEmail,
  findSessionContext,
  insertAccount,
  insertSession,
  listOrganizationsOfAccount,
  returnLoginAttempt,
  takeLoginAttempt,
  touchSession,
  updateSessionOrganization,
} from './auth.queries.js'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const TOUCH_EVERY_MS = 60_000
const LOGIN_WINDOW_SECONDS = 60

type Deps = { db: Kysely<DB>; pool: Pool; config: Config }

export function createAuthService({ db, pool, config }: Deps) {
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000
  const absoluteMs = config.SESSION_ABSOLUTE_HOURS * 3_600_000

  /** A new session; its token is for the cookie (the caller sets it) and only its hash is stored. */
  async function openSession(client: ClientFacts, accountId: string, organizationId: string) {
    const token = newToken()
    const sessionId = hashToken(token)
    await insertSession(db, {
      id: sessionId,
      accountId,
      organizationId,
      csrfToken: newToken(),
      expiresAt: new Date(Date.now() + absoluteMs),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    })
    return { sessionToken: token, sessionId }
  }

  async function meFor(sessionId: string): Promise<Me> {
    const ctx = await findSessionContext(pool, sessionId)
    if (!ctx) throw new UnauthenticatedError()
    const orgs = await listOrganizationsOfAccount(db, ctx.account_id)
    const organizations = orgs.map((o) => ({ id: o.id, name: o.name, role: o.role as Role }))
    return {
      user: { id: ctx.account_id, email: ctx.email, name: ctx.name, language: ctx.language },
      organization: organizations.find((o) => o.id === ctx.organization_id)!,
      organizations,
      studyIds: ctx.study_ids,
      csrfToken: ctx.csrf_token,
    }
  }

  return {
    openSession,
    meFor,
    findAccountByEmail: (email: string) => findAccountByEmail(db, email),
    /** Pass `trx` to make the account inside the caller's transaction. */
    createAccount: (a: Parameters<typeof insertAccount>[1], trx: Kysely<DB> = db) => insertAccount(trx, a),

    /**
     * The analyst behind a session cookie's token, with the CSRF check for writes. Throws
     * UnauthenticatedError for an unknown session and SessionExpiredError for an expired one (the
     * cookie is of no more use: plugins/auth.ts clears it), CsrfTokenError for a write without the token.
     */
    async resolveSession(token: string, request: RequestFacts): Promise<Analyst> {
      const sessionId = hashToken(token)
      const ctx = await findSessionContext(pool, sessionId)
      if (!ctx) throw new UnauthenticatedError()
      const now = Date.now()
      if (ctx.expires_at.getTime() <= now || ctx.last_seen_at.getTime() + idleMs <= now) {
        await deleteSession(db, sessionId)
        throw new SessionExpiredError()
      }
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers['x-csrf-token']
        if (typeof sent !== 'string' || !safeEqual(sent, ctx.csrf_token)) throw new CsrfTokenError()
      }
      // Only write when it matters for the idle timeout; most requests stay read-only.
      if (now - ctx.last_seen_at.getTime() > TOUCH_EVERY_MS) await touchSession(db, sessionId)
      return {
        accountId: ctx.account_id,
        email: ctx.email,
        name: ctx.name,
        language: ctx.language,
        organizationId: ctx.organization_id,
        role: ctx.role as Role,
        studyIds: ctx.study_ids,
        sessionId,
        csrfToken: ctx.csrf_token,
      }
    },

    /** Signs in: the new session's token (for the cookie) and who is signed in. */
    async login(
      client: ClientFacts,
      body: { email: string; password: string },
    ): Promise<{ me: Me; sessionToken: string }> {
      // Counted in the database before the password is checked: per account over every address and
      // API instance (guessing one password), and per address over every account (spraying many).
      const accountKey = `account:${body.email.trim().toLowerCase()}`
      const addressKey = `address:${client.ip}`
      const limits: [string, number][] = [
        [accountKey, config.LOGIN_RATE_LIMIT],
        [addressKey, config.LOGIN_RATE_LIMIT * 5],
      ]
      for (const [key, max] of limits) {
        const { attempts, retry_after } = await takeLoginAttempt(db, key, LOGIN_WINDOW_SECONDS)
        if (attempts > max) throw new LoginThrottledError(Math.max(1, retry_after))
      }
      if (Math.random() < 0.01) await deleteStaleLoginAttempts(db, LOGIN_WINDOW_SECONDS * 60)
      const account = await findAccountByEmail(db, body.email)
      // Same work for an unknown email as for a wrong password: no user enumeration by timing.
      const ok = await verifyPassword(account?.password_hash ?? (await dummyHash()), body.password)
      const orgs = account ? await listOrganizationsOfAccount(db, account.id) : []
      if (!account || !ok || orgs.length === 0) {
        await recordAudit(db, {
          organizationId: orgs[0]?.id ?? null,
          actorId: account?.id ?? null,
          actorEmail: body.email,
          action: 'auth.login_failed',
          ip: client.ip,
        })
        throw new InvalidCredentialsError()
      }
      // Land where the account can do the most; ties go to the organization joined first.
      const organizationId = [...orgs].sort((x, y) => ROLES.indexOf(x.role as Role) - ROLES.indexOf(y.role as Role))[0]!
        .id
      const { sessionToken, sessionId } = await openSession(client, account.id, organizationId)
      for (const [key] of limits) await returnLoginAttempt(db, key)
      await recordAudit(db, {
        organizationId,
        actorId: account.id,
        actorEmail: account.email,
        action: 'auth.login',
        ip: client.ip,
      })
      return { me: await meFor(sessionId), sessionToken }
    },

    async logout(a: Analyst, ip: string) {
      await deleteSession(db, a.sessionId)
      await recordAudit(db, {
        organizationId: a.organizationId,
        actorId: a.accountId,
        actorEmail: a.email,
        action: 'auth.logout',
        ip,
      })
    },

    async switchOrganization(a: Analyst, organizationId: string): Promise<Me> {
      const orgs = await listOrganizationsOfAccount(db, a.accountId)
      if (!orgs.some((o) => o.id === organizationId)) throw new OrganizationNotFoundError(organizationId)
      await updateSessionOrganization(db, a.sessionId, organizationId)
      return meFor(a.sessionId)
    },
  }
}
export type AuthService = ReturnType<typeof createAuthService>
