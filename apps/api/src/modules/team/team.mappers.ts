import type { Invitation, Member, Role } from '@klantreis/shared/auth'

export const toMember = (r: {
  account_id: string
  email: string
  name: string
  role: string
  created_at: Date
}): Member => ({
  userId: r.account_id,
  email: r.email,
  name: r.name,
  role: r.role as Role,
  joinedAt: r.created_at.toISOString(),
})

export const toInvitation = (
  r: { id: string; email: string; role: string; expires_at: Date },
  link?: string,
): Invitation => ({
  id: r.id,
  email: r.email,
  role: r.role as Role,
  expiresAt: r.expires_at.toISOString(),
  ...(link ? { link } : {}),
})
