import { ROLES, type Role } from '@klantreis/shared/auth'
import { ForbiddenError } from './errors.js'

/** Lower index = more rights; each role may do everything the roles after it may. */
const rank = (r: Role) => ROLES.indexOf(r)
export const hasRole = (actual: Role, needed: Role) => rank(actual) <= rank(needed)

/**
 * The roles that manage participants (researcher and up) see their contact details: name, address,
 * CRM reference. Analysts and viewers see the pseudonym only (issue 14), in every route.
 */
export const seesContactDetails = (analyst: { role: Role }) => hasRole(analyst.role, 'researcher')

export function requireRole(analyst: { role: Role }, needed: Role, action: string) {
  if (!hasRole(analyst.role, needed)) throw new ForbiddenError(action)
}
