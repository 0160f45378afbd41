import { type Kysely, sql } from 'kysely'
import type { Pool } from 'pg'
import { prepared, queryBuilder } from '../../db/helpers.js'
import type { DB } from '../../db/schema.js'

// Runs on every signed-in request: a prepared statement saves the parse and plan each time.
const sessionContext = prepared<{
  id: string
  account_id: string
  organization_id: string
  csrf_token: string
  last_seen_at: Date
  expires_at: Date
  email: string
  name: string
  language: 'nl' | 'en'
  role: string
  study_ids: string[] | null
}>(
  'find-session-context',
  queryBuilder
    .selectFrom('session as s')
    .innerJoin('account as a', 'a.id', 's.account_id')
    .innerJoin('membership as m', (j) =>
      j.onRef('m.account_id', '=', 's.account_id').onRef('m.organization_id', '=', 's.organization_id'),
    )
    .select([
      's.id',
      's.account_id',
      's.organization_id',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      'a.email',
      'a.name',
      'a.language',
      'm.role',
      'm.study_ids',
    ])
    .where('s.id', '=', ''),
)

export const findSessionContext = async (pool: Pool, sessionId: string) => (await sessionContext(pool, [sessionId]))[0]

export const touchSession = (db: Kysely<DB>, sessionId: string) =>
  db.updateTable('session').set({ last_seen_at: new Date() }).where('id', '=', sessionId).execute()

export const insertSession = (
  db: Kysely<DB>,
  s: {
    id: string
    accountId: string
    organizationId: string
    csrfToken: string
    expiresAt: Date
    ip: string
    userAgent: string | null
  },
) =>
  db
    .insertInto('session')
    .values({
      id: s.id,
      account_id: s.accountId,
      organization_id: s.organizationId,
      csrf_token: s.csrfToken,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute()

export const deleteSession = (db: Kysely<DB>, sessionId: string) =>
  db.deleteFrom('session').where('id', '=', sessionId).execute()

export const updateSessionOrganization = (db: Kysely<DB>, sessionId: string, organizationId: string) =>
  db
    .updateTable('session')
    .set({ organization_id: organizationId, last_seen_at: new Date() })
    .where('id', '=', sessionId)
    .execute()

export const findAccountByEmail = (db: Kysely<DB>, email: string) =>
  db.selectFrom('account').selectAll().where('email', '=', email).executeTakeFirst()

export const insertAccount = (
  db: Kysely<DB>,
  a: { email: string; name: string; passwordHash: string; language?: 'nl' | 'en' },
) =>
  db
    .insertInto('account')
    .values({
      email: a.email,
      name: a.name,
      password_hash: a.passwordHash,
      ...(a.language ? { language: a.language } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow()

export const listOrganizationsOfAccount = (db: Kysely<DB>, accountId: string) =>
  db
    .selectFrom('membership as m')
    .innerJoin('organization as o', 'o.id', 'm.organization_id')
    .select(['o.id', 'o.name', 'm.role', 'm.created_at'])
    .where('m.account_id', '=', accountId)
    .orderBy('m.created_at')
    .orderBy('o.id')
    .execute()

/**
 * Takes one sign-in attempt from `key`'s fixed window (restarted when older than `windowSeconds`)
 * and answers how many the window now holds, the new one included. One upsert, so concurrent
 * attempts are counted one after another by the row lock: none can pass a check that another
 * attempt has already filled.
 */
export const takeLoginAttempt = async (db: Kysely<DB>, key: string, windowSeconds: number) =>
  (
    await sql<{ attempts: number; retry_after: number }>`
      insert into login_throttle as t (key, window_start, attempts) values (${key}, now(), 1)
      on conflict (key) do update set
        attempts = case when t.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else t.attempts + 1 end,
        window_start = case when t.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else t.window_start end
      returning attempts, ceil(extract(epoch from t.window_start + make_interval(secs => ${windowSeconds}) - now()))::int as retry_after`.execute(
      db,
    )
  ).rows[0]!

/** A successful sign-in gives its attempt back: only failures keep filling the window. */
export const returnLoginAttempt = (db: Kysely<DB>, key: string) =>
  db
    .updateTable('login_throttle')
    .set((eb) => ({ attempts: sql<number>`greatest(${eb.ref('attempts')} - 1, 0)` }))
    .where('key', '=', key)
    .execute()

/** Windows long over; a key nobody tries again would otherwise stay for good. */
export const deleteStaleLoginAttempts = (db: Kysely<DB>, olderThanSeconds: number) =>
  db
    .deleteFrom('login_throttle')
    .where('window_start', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .execute()
