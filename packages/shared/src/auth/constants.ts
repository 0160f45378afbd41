// zod-free, so a bundle may list the roles and switch on the codes without pulling in validation.

/** owner > admin > researcher > analyst > viewer; each role can do what the ones after it can. */
export const ROLES = ['owner', 'admin', 'researcher', 'analyst', 'viewer'] as const
/** Only the roles that merely read may be limited to some studies (researchers and up run studies). */
export const STUDY_SCOPED_ROLES = ['analyst', 'viewer'] as const

/** The error codes the API answers with in this domain: sign-in, members, roles and invitations. */
export const AUTH_ERROR_CODES = [
  'INVALID_CREDENTIALS',
  'ORGANIZATION_NOT_FOUND',
  'MEMBER_NOT_FOUND',
  'LAST_OWNER',
  'INVITATION_INVALID',
] as const

/**
 * Every action the audit log records (issue 14): who did what to personal data or a study's state.
 * `participant.*` and `mail.*` touch personal data; the audit screen filters on these names.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'member.invited',
  'member.invitation_revoked',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'member.studies_changed',
  'organization.retention_changed',
  'study.created',
  'study.status_changed',
  'study.retention_changed',
  'study.deleted',
  'consent.published',
  'survey.published',
  'survey.closed',
  'link.created',
  'link.revoked',
  'mail.sent',
  'mail.stopped',
  'mail.resumed',
  'participant.created',
  'participant.imported',
  'participant.updated',
  'participant.viewed',
  'participant.exported',
  'participant.erased',
  'participant.removal_requested',
  'participant.removal_declined',
  'participant.data_downloaded',
  'export.created',
  'export.downloaded',
  'audit.exported',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

type GroupOf<A> = A extends `${infer G}.${string}` ? G : never
/** The part of an action before its dot: the audit screen filters on a whole group (`participant.*`). */
export type AuditActionGroup = GroupOf<AuditAction>
export const AUDIT_ACTION_GROUPS = [...new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0]))] as AuditActionGroup[]
/** An action, or a group written `participant.*`: what the audit log's `action` filter takes. */
export const isAuditActionFilter = (v: string) =>
  (AUDIT_ACTIONS as readonly string[]).includes(v) ||
  (v.endsWith('.*') && (AUDIT_ACTION_GROUPS as string[]).includes(v.slice(0, -2)))
