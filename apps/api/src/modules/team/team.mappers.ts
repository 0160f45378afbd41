import type { Invitation, Member, Role } from '@klantreis/shared/auth'

export const toMember = (r: {
  account_id: string
  email: string
  name: string
  role: string
  created_at: Date
  study_ids: string[] | null
}): Member => ({
  userId: r.account_id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  joinedAt: r.created_at.toISOString(),
  studyIds: r.study_ids,
})

export const toInvitation = (
  r: { id: string; email: string; role: string; expires_at: Date; study_ids: string[] | null },
  link?: string,
): Invitation => ({
  id: r.id,
  email: r.email,
  role: r.role as Role,
  expiresAt: r.expires_at.toISOString(),
  studyIds: r.study_ids,
  ...(link ? { link } : {}),
})
