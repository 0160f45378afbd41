// zod-free, so a bundle may list the roles and switch on the codes without pulling in validation.

/** owner > admin > researcher > analyst > viewer; each role can do what the ones after it can. */
export const ROLES = ['owner', 'admin', 'researcher', 'analyst', 'viewer'] as const

/** The error codes the API answers with in this domain: sign-in, members, roles and invitations. */
export const AUTH_ERROR_CODES = [
  'INVALID_CREDENTIALS',
  'ORGANIZATION_NOT_FOUND',
  'MEMBER_NOT_FOUND',
  'LAST_OWNER',
  'INVITATION_INVALID',
] as const
