import type { AuditAction, Invitation, Member, Me, Role } from '@klantreis/shared/auth'
import { STUDY_SCOPED_ROLES } from '@klantreis/shared/auth/constants'
import type { Queue } from 'bullmq'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from '../../config.js'
import type { DB } from '../../db/schema.js'
import { INVITE_TOKEN_SLOT, teamInvitationEmail } from '../../email/templates/team-invitation.js'
import { ForbiddenError, RuleValidationError } from '../../lib/errors.js'
import { hashPassword, verifyPassword } from '../../lib/passwords.js'
import { requireRole } from '../../lib/roles.js'
import { hashToken, newToken } from '../../lib/tokens.js'
import { recordAudit } from '../audit/audit.service.js'
import { InvalidCredentialsError, InvitationInvalidError } from '../auth/auth.errors.js'
import type { Analyst, ClientFacts } from '../../lib/actors.js'
import type { AuthService } from '../auth/auth.service.js'
import { enqueueMailDelivery, queueMailInTransaction } from '../mail/mail.service.js'
import { StudyNotFoundError } from '../studies/studies.errors.js'
import { InvitationNotFoundError, LastOwnerError, MemberNotFoundError } from './team.errors.js'
import {
  countOwners,
  deleteMember,
  deleteSessionsInOrganization,
  findMember,
  findUsableInvitation,
  insertInvitation,
  insertMembership,
  listMembers,
  listOpenInvitations,
  lockOrganization,
  markInvitationAccepted,
  revokeInvitation,
  studiesOfOrganization,
  updateMemberRole,
  updateMemberStudies,
} from './team.queries.js'
import { toInvitation, toMember } from './team.mappers.js'

const INVITATION_DAYS = 7
type Deps = { db: Kysely<DB>; config: Config; mailQueue: Queue; log: FastifyBaseLogger; auth: AuthService }

export function createTeamService({ db, config, mailQueue, log, auth }: Deps) {
  /** Only an owner may hand out, take away or change the owner role. */
  const guardOwnerRole = (a: Analyst, ...roles: string[]) => {
    if (roles.includes('owner') && a.role !== 'owner') throw new ForbiddenError('grant or change the owner role')
  }
  const mayBeScoped = (role: string) => (STUDY_SCOPED_ROLES as readonly string[]).includes(role)
  /** A study list names only the organization's own studies: another's id is a 404, as everywhere. */
  const checkStudies = async (trx: Kysely<DB>, a: Analyst, ids: readonly string[]) => {
    const found = new Set(await studiesOfOrganization(trx, a.organizationId, ids))
    const missing = ids.find((id) => !found.has(id))
    if (missing) throw new StudyNotFoundError(missing)
    return [...new Set(ids)]
  }
  const audit = (
    trx: Kysely<DB>,
    a: Analyst,
    ip: string,
    action: AuditAction,
    subject: string,
    detail: Record<string, unknown>,
  ) =>
    recordAudit(trx, {
      organizationId: a.organizationId,
      actorId: a.accountId,
      actorEmail: a.email,
      action,
      subject,
      detail,
      ip,
    })

  return {
    async listMembers(a: Analyst) {
      return { items: (await listMembers(db, a.organizationId)).map(toMember) }
    },

    async changeRole(a: Analyst, ip: string, accountId: string, role: Role): Promise<Member> {
      requireRole(a, 'admin', 'change roles')
      return db.transaction().execute(async (trx) => {
        await lockOrganization(trx, a.organizationId)
        const member = await findMember(trx, a.organizationId, accountId)
        if (!member) throw new MemberNotFoundError(accountId)
        guardOwnerRole(a, member.role, role)
        if (member.role === 'owner' && role !== 'owner' && (await countOwners(trx, a.organizationId)) <= 1)
          throw new LastOwnerError()
        // A researcher or more runs studies, so a study limit ends with a promotion to one.
        const studyIds = mayBeScoped(role) ? member.study_ids : null
        await updateMemberRole(trx, a.organizationId, accountId, role, studyIds)
        await audit(trx, a, ip, 'member.role_changed', member.email, { from: member.role, to: role })
        if (member.study_ids && !studyIds)
          await audit(trx, a, ip, 'member.studies_changed', member.email, { from: member.study_ids, to: null })
        return toMember({ ...member, role, study_ids: studyIds })
      })
    },

    /** Limits a member to some studies (a stakeholder), or with null lets them see every study again. */
    async changeStudies(a: Analyst, ip: string, accountId: string, ids: string[] | null): Promise<Member> {
      requireRole(a, 'admin', 'change which studies members see')
      return db.transaction().execute(async (trx) => {
        await lockOrganization(trx, a.organizationId)
        const member = await findMember(trx, a.organizationId, accountId)
        if (!member) throw new MemberNotFoundError(accountId)
        if (ids && !mayBeScoped(member.role))
          throw new RuleValidationError([
            { path: 'body.studyIds', message: 'only an analyst or viewer can be limited to studies' },
          ])
        const studyIds = ids ? await checkStudies(trx, a, ids) : null
        await updateMemberStudies(trx, a.organizationId, accountId, studyIds)
        await audit(trx, a, ip, 'member.studies_changed', member.email, { from: member.study_ids, to: studyIds })
        return toMember({ ...member, study_ids: studyIds })
      })
    },

    async removeMember(a: Analyst, ip: string, accountId: string) {
      requireRole(a, 'admin', 'remove members')
      await db.transaction().execute(async (trx) => {
        await lockOrganization(trx, a.organizationId)
        const member = await findMember(trx, a.organizationId, accountId)
        if (!member) throw new MemberNotFoundError(accountId)
        guardOwnerRole(a, member.role)
        if (member.role === 'owner' && (await countOwners(trx, a.organizationId)) <= 1) throw new LastOwnerError()
        await deleteMember(trx, a.organizationId, accountId)
        // A removed member loses access now, not when their session idles out.
        await deleteSessionsInOrganization(trx, a.organizationId, accountId)
        await audit(trx, a, ip, 'member.removed', member.email, { role: member.role })
      })
    },

    async listInvitations(a: Analyst) {
      requireRole(a, 'admin', 'see invitations')
      return { items: (await listOpenInvitations(db, a.organizationId)).map((r) => toInvitation(r)) }
    },

    async invite(
      a: Analyst,
      ip: string,
      body: { email: string; role: Role; studyIds?: string[] },
    ): Promise<Invitation> {
      requireRole(a, 'admin', 'invite members')
      guardOwnerRole(a, body.role)
      const token = newToken()
      // The token travels in the fragment: browsers never send it to a server or in a Referer.
      const link = `${config.publicUrl}/#invite=${token}`
      const { invitation, messageId } = await db.transaction().execute(async (trx) => {
        const org = await lockOrganization(trx, a.organizationId)
        const studyIds = body.studyIds ? await checkStudies(trx, a, body.studyIds) : null
        const invitation = await insertInvitation(trx, {
          studyIds,
          organizationId: a.organizationId,
          email: body.email,
          role: body.role,
          tokenHash: hashToken(token),
          invitedBy: a.accountId,
          expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
        })
        const orgName = org!.name
        const mail = teamInvitationEmail({
          organizationName: orgName,
          inviterName: a.name,
          role: body.role,
          // stored without the working token: the mail's own link is minted when it is sent
          link: `${config.publicUrl}/#invite=${INVITE_TOKEN_SLOT}`,
          expiresAt: invitation.expires_at,
          language: a.language,
        })
        const { id: messageId } = await queueMailInTransaction(trx, {
          organizationId: a.organizationId,
          kind: 'team_invitation',
          to: body.email,
          invitationId: invitation.id,
          ...mail,
        })
        await audit(trx, a, ip, 'member.invited', body.email, { role: body.role, studyIds })
        return { invitation, messageId }
      })
      await enqueueMailDelivery({ mailQueue, log }, messageId)
      return toInvitation(invitation, link)
    },

    async revokeInvitation(a: Analyst, ip: string, invitationId: string) {
      requireRole(a, 'admin', 'revoke invitations')
      await db.transaction().execute(async (trx) => {
        const row = await revokeInvitation(trx, a.organizationId, invitationId)
        if (!row) throw new InvitationNotFoundError(invitationId)
        await audit(trx, a, ip, 'member.invitation_revoked', row.email, {})
      })
    },

    async previewInvitation(token: string) {
      const inv = await findUsableInvitation(db, hashToken(token))
      if (!inv) throw new InvitationInvalidError()
      const account = await auth.findAccountByEmail(inv.email)
      return {
        organizationName: inv.organization_name,
        email: inv.email,
        role: inv.role as Role,
        hasAccount: !!account,
      }
    },

    /** Joins the organization and signs in: a new account, or an existing one proven by its password. */
    async acceptInvitation(
      client: ClientFacts,
      body: { token: string; name?: string; password: string },
    ): Promise<{ me: Me; sessionToken: string }> {
      const inv = await findUsableInvitation(db, hashToken(body.token))
      if (!inv) throw new InvitationInvalidError()
      const existing = await auth.findAccountByEmail(inv.email)
      if (existing && !(await verifyPassword(existing.password_hash, body.password)))
        throw new InvalidCredentialsError()
      const passwordHash = existing ? undefined : await hashPassword(body.password)
      const accountId = await db.transaction().execute(async (trx) => {
        // Single use: whoever marks it accepted first wins; a replay finds nothing to mark.
        if (!(await markInvitationAccepted(trx, inv.id))) throw new InvitationInvalidError()
        const account =
          existing ??
          (await auth.createAccount(
            { email: inv.email, name: body.name ?? inv.email.split('@')[0]!, passwordHash: passwordHash! },
            trx,
          ))
        await insertMembership(trx, inv.organization_id, account.id, inv.role, inv.study_ids)
        await recordAudit(trx, {
          organizationId: inv.organization_id,
          actorId: account.id,
          actorEmail: account.email,
          action: 'member.joined',
          subject: account.email,
          detail: { role: inv.role, invitationId: inv.id, studyIds: inv.study_ids },
          ip: client.ip,
        })
        return account.id
      })
      const { sessionToken, sessionId } = await auth.openSession(client, accountId, inv.organization_id)
      return { me: await auth.meFor(sessionId), sessionToken }
    },
  }
}
export type TeamService = ReturnType<typeof createTeamService>
