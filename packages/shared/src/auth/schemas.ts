import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema, LanguageSchema, pageOf } from '../common/index.js'
import { ROLES, STUDY_SCOPED_ROLES } from './constants.js'

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
  actorEmail: z.string().nullable(),
  subject: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
  at: IsoDateTimeSchema,
})
export type AuditEvent = z.infer<typeof AuditEventSchema>
export const AuditEventPageSchema = pageOf(AuditEventSchema)
