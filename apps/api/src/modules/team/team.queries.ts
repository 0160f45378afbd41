import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

export const listMembers = (db: Kysely<DB>, organizationId: string) =>
  db
    .selectFrom('membership as m')
    .innerJoin('account as a', 'a.id', 'm.account_id')
    .select(['a.id as account_id', 'a.email', 'a.name', 'm.role', 'm.created_at', 'm.study_ids'])
    .where('m.organization_id', '=', organizationId)
    .orderBy('a.name')
    .orderBy('a.id')
    .execute()

export const findMember = (db: Kysely<DB>, organizationId: string, accountId: string) =>
  db
    .selectFrom('membership as m')
    .innerJoin('account as a', 'a.id', 'm.account_id')
    .select(['a.id as account_id', 'a.email', 'a.name', 'm.role', 'm.created_at', 'm.study_ids'])
    .where('m.organization_id', '=', organizationId)
    .where('m.account_id', '=', accountId)
    .executeTakeFirst()

export const countOwners = async (db: Kysely<DB>, organizationId: string) =>
  (
    await db
      .selectFrom('membership')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('organization_id', '=', organizationId)
      .where('role', '=', 'owner')
      .executeTakeFirstOrThrow()
  ).n

/** Serializes membership changes of one organization, so two admins cannot remove the last two owners at once. */
export const lockOrganization = (db: Kysely<DB>, organizationId: string) =>
  db.selectFrom('organization').select(['id', 'name']).where('id', '=', organizationId).forUpdate().executeTakeFirst()

export const updateMemberRole = (
  db: Kysely<DB>,
  organizationId: string,
  accountId: string,
  role: string,
  studyIds: string[] | null,
) =>
  db
    .updateTable('membership')
    .set({ role, study_ids: studyIds })
    .where('organization_id', '=', organizationId)
    .where('account_id', '=', accountId)
    .execute()

export const updateMemberStudies = (
  db: Kysely<DB>,
  organizationId: string,
  accountId: string,
  studyIds: string[] | null,
) =>
  db
    .updateTable('membership')
    .set({ study_ids: studyIds })
    .where('organization_id', '=', organizationId)
    .where('account_id', '=', accountId)
    .execute()

/** Which of these ids are studies of the organization (a member may be limited only to its own). */
export const studiesOfOrganization = async (db: Kysely<DB>, organizationId: string, ids: readonly string[]) =>
  (
    await db
      .selectFrom('study')
      .select('id')
      .where('organization_id', '=', organizationId)
      .where('id', 'in', ids)
      .execute()
  ).map((r) => r.id)

export const deleteMember = (db: Kysely<DB>, organizationId: string, accountId: string) =>
  db
    .deleteFrom('membership')
    .where('organization_id', '=', organizationId)
    .where('account_id', '=', accountId)
    .execute()

export const deleteSessionsInOrganization = (db: Kysely<DB>, organizationId: string, accountId: string) =>
  db.deleteFrom('session').where('organization_id', '=', organizationId).where('account_id', '=', accountId).execute()

export const insertMembership = (
  db: Kysely<DB>,
  organizationId: string,
  accountId: string,
  role: string,
  studyIds: string[] | null = null,
) =>
  db
    .insertInto('membership')
    .values({ organization_id: organizationId, account_id: accountId, role, study_ids: studyIds })
    .onConflict((oc) => oc.columns(['organization_id', 'account_id']).doNothing())
    .execute()

export const insertInvitation = (
  db: Kysely<DB>,
  i: {
    organizationId: string
    email: string
    role: string
    tokenHash: string
    invitedBy: string
    expiresAt: Date
    studyIds: string[] | null
  },
) =>
  db
    .insertInto('invitation')
    .values({
      organization_id: i.organizationId,
      email: i.email,
      role: i.role,
      token_hash: i.tokenHash,
      invited_by: i.invitedBy,
      expires_at: i.expiresAt,
      study_ids: i.studyIds,
    })
    .returningAll()
    .executeTakeFirstOrThrow()

export const listOpenInvitations = (db: Kysely<DB>, organizationId: string) =>
  db
    .selectFrom('invitation')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .execute()

export const revokeInvitation = (db: Kysely<DB>, organizationId: string, id: string) =>
  db
    .updateTable('invitation')
    .set({ revoked_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .returning(['id', 'email'])
    .executeTakeFirst()

export const findUsableInvitation = (db: Kysely<DB>, tokenHash: string) =>
  db
    .selectFrom('invitation as i')
    .innerJoin('organization as o', 'o.id', 'i.organization_id')
    .selectAll('i')
    .select('o.name as organization_name')
    .where((eb) => eb.or([eb('i.token_hash', '=', tokenHash), eb('i.mail_token_hash', '=', tokenHash)]))
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null)
    .where('i.expires_at', '>', new Date())
    .executeTakeFirst()

export const markInvitationAccepted = (db: Kysely<DB>, id: string) =>
  db
    .updateTable('invitation')
    .set({ accepted_at: new Date() })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .returning('id')
    .executeTakeFirst()

/** The link of an invitation's mail, minted as it is sent: only while the invitation is open. */
export const setInvitationMailToken = (db: Kysely<DB>, id: string, tokenHash: string) =>
  db
    .updateTable('invitation')
    .set({ mail_token_hash: tokenHash })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning('id')
    .executeTakeFirst()
