import { ROLES, type Role } from '@klantreis/shared/auth'
import { ForbiddenError } from './errors.js'

/** Lower index = more rights; each role may do everything the roles after it may. */
const rank = (r: Role) => ROLES.indexOf(r)
export const hasRole = (actual: Role, needed: Role) => rank(actual) <= rank(needed)

export function requireRole(analyst: { role: Role }, needed: Role, action: string) {
  if (!hasRole(analyst.role, needed)) throw new ForbiddenError(action)
}
