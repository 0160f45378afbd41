/** The error codes the API answers with in this domain: sign-in, members, roles and invitations. Zod-free, so a bundle may switch on them. */
export const AUTH_ERROR_CODES = [
  'INVALID_CREDENTIALS',
  'ORGANIZATION_NOT_FOUND',
  'MEMBER_NOT_FOUND',
  'LAST_OWNER',
  'INVITATION_INVALID',
] as const
