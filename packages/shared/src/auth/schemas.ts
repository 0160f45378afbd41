import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema, LanguageSchema, PageQuerySchema, pageOf } from '../common/index.js'
import { isAuditActionFilter, ROLES, STUDY_SCOPED_ROLES } from './constants.js'

export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

export const EmailSchema = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase())
export const PasswordSchema = z.string().min(10, 'at least 10 characters').max(200)

export const LoginBodySchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1).max(200),
})
export type LoginBody = z.input<typeof LoginBodySchema>

export const OrganizationSummarySchema = z.object({ id: IdSchema, name: z.string(), role: RoleSchema })
export type OrganizationSummary = z.infer<typeof OrganizationSummarySchema>

export const MeSchema = z.object({
  user: z.object({ id: IdSchema, email: z.string(), name: z.string(), language: LanguageSchema }),
  organization: OrganizationSummarySchema,
  organizations: z.array(OrganizationSummarySchema),
  /** The studies this member is limited to in the current organization; null = all of them. */
  studyIds: z.array(IdSchema).nullable(),
  /** Send back as the `x-csrf-token` header on every write. */
  csrfToken: z.string(),
})
export type Me = z.infer<typeof MeSchema>

export const SwitchOrganizationBodySchema = z.strictObject({ organizationId: IdSchema })
export type SwitchOrganizationBody = z.input<typeof SwitchOrganizationBodySchema>

export const MemberSchema = z.object({
  userId: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  joinedAt: IsoDateTimeSchema,
  /** The studies the member is limited to (a stakeholder sharing one study); null = every study. */
  studyIds: z.array(IdSchema).nullable(),
})
export type Member = z.infer<typeof MemberSchema>
export const MemberListSchema = z.object({ items: z.array(MemberSchema) })
export const MemberParamsSchema = z.strictObject({ userId: IdSchema })
export const ChangeRoleBodySchema = z.strictObject({ role: RoleSchema })
export type ChangeRoleBody = z.input<typeof ChangeRoleBodySchema>
const StudyIdsSchema = z.array(IdSchema).min(1).max(200)
/** Which studies a member sees: a list (analyst or viewer only), or null for every study. */
export const MemberStudiesBodySchema = z.strictObject({ studyIds: StudyIdsSchema.nullable() })
export type MemberStudiesBody = z.input<typeof MemberStudiesBodySchema>

const scopedRoleOnly = (v: { role?: Role; studyIds?: readonly string[] | null }, ctx: z.RefinementCtx) => {
  if (v.studyIds && v.role && !(STUDY_SCOPED_ROLES as readonly string[]).includes(v.role))
    ctx.addIssue({ code: 'custom', path: ['studyIds'], message: 'only an analyst or viewer can be limited to studies' })
}
export const CreateInvitationBodySchema = z
  .strictObject({
    email: EmailSchema,
    role: RoleSchema,
    /** Limit the new member to these studies (analyst or viewer only); omitted = every study. */
    studyIds: StudyIdsSchema.optional(),
  })
  .superRefine(scopedRoleOnly)
export type CreateInvitationBody = z.input<typeof CreateInvitationBodySchema>
export const InvitationSchema = z.object({
  id: IdSchema,
  email: z.string(),
  role: RoleSchema,
  expiresAt: IsoDateTimeSchema,
  studyIds: z.array(IdSchema).nullable(),
  /** Only present in the answer to the create call: the token is stored hashed. */
  link: z.string().optional(),
})
export type Invitation = z.infer<typeof InvitationSchema>
export const InvitationListSchema = z.object({ items: z.array(InvitationSchema) })
export const InvitationParamsSchema = z.strictObject({ invitationId: IdSchema })

export const InvitationPreviewSchema = z.object({
  organizationName: z.string(),
  email: z.string(),
  role: RoleSchema,
  hasAccount: z.boolean(),
})
export const InvitationTokenBodySchema = z.strictObject({ token: z.string().min(20).max(200) })
export type InvitationTokenBody = z.input<typeof InvitationTokenBodySchema>
export const AcceptInvitationBodySchema = z.strictObject({
  token: z.string().min(20).max(200),
  name: z.string().trim().min(1).max(120).optional(),
  password: PasswordSchema,
})
export type AcceptInvitationBody = z.input<typeof AcceptInvitationBodySchema>

export const AuditEventSchema = z.object({
  id: IdSchema,
  action: z.string(),
  actorId: IdSchema.nullable(),
  actorEmail: z.string().nullable(),
  subject: z.string().nullable(),
  /** The study the event is about (its subject, or the study a participant event names), and its title while it exists. */
  studyId: IdSchema.nullable(),
  studyTitle: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  at: IsoDateTimeSchema,
})
export type AuditEvent = z.infer<typeof AuditEventSchema>
export const AuditEventPageSchema = pageOf(AuditEventSchema)

/** A day (from its start, UTC) or an exact moment. */
const AuditMomentSchema = z.union([IsoDateTimeSchema, z.iso.date()])
/** The audit log's filters, the same for the screen's list and its CSV export. */
const auditFilters = {
  /** One or more actions or groups (`participant.*`), comma-separated or repeated. */
  action: z
    .union([z.string().max(2000), z.array(z.string().max(100)).max(40)])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()))
    .pipe(
      z
        .array(z.string().refine(isAuditActionFilter, 'not an audit action or group (e.g. participant.*)'))
        .min(1)
        .max(40),
    )
    .optional(),
  /** Who acted: an account id, or an e-mail address (any case). */
  actor: z
    .string()
    .trim()
    .max(254)
    .pipe(z.union([IdSchema, z.email('an account id or an e-mail address')]))
    .optional(),
  /** The study the events are about. */
  study: IdSchema.optional(),
  /** From this moment (a date: its start), inclusive. */
  from: AuditMomentSchema.optional(),
  /** Up to this moment (a date: the whole day), exclusive. */
  to: AuditMomentSchema.optional(),
}
type AuditFilterShape = { from?: string; to?: string }
/** A date stands for the start of its day in UTC; `to` as a date includes that whole day. */
export const auditMoment = (v: string, edge: 'from' | 'to') =>
  v.length === 10 ? new Date(Date.parse(`${v}T00:00:00Z`) + (edge === 'to' ? 86_400_000 : 0)) : new Date(v)
const fromBeforeTo = (q: AuditFilterShape, ctx: z.RefinementCtx) => {
  if (q.from && q.to && auditMoment(q.from, 'from') >= auditMoment(q.to, 'to'))
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' })
}
export const AuditLogQuerySchema = PageQuerySchema.extend(auditFilters).superRefine(fromBeforeTo)
export type AuditLogQuery = z.input<typeof AuditLogQuerySchema>
export const AuditLogExportQuerySchema = z
  .strictObject({ ...auditFilters, format: z.enum(['csv']).default('csv') })
  .superRefine(fromBeforeTo)
export type AuditLogExportQuery = z.input<typeof AuditLogExportQuerySchema>
