import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema, LanguageSchema, pageOf } from '../common/index.js'
import { ROLES } from './constants.js'

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
})
export type Member = z.infer<typeof MemberSchema>
export const MemberListSchema = z.object({ items: z.array(MemberSchema) })
export const MemberParamsSchema = z.strictObject({ userId: IdSchema })
export const ChangeRoleBodySchema = z.strictObject({ role: RoleSchema })
export type ChangeRoleBody = z.input<typeof ChangeRoleBodySchema>

export const CreateInvitationBodySchema = z.strictObject({ email: EmailSchema, role: RoleSchema })
export type CreateInvitationBody = z.input<typeof CreateInvitationBodySchema>
export const InvitationSchema = z.object({
  id: IdSchema,
  email: z.string(),
  role: RoleSchema,
  expiresAt: IsoDateTimeSchema,
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
