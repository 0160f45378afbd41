import { ROLES, type Role } from '@klantreis/shared/auth'

/** ROLES runs from most to least powerful, so a lower index means more rights. */
export function hasRole(role: Role, atLeast: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(atLeast)
}

export const canEditStudies = (role: Role) => hasRole(role, 'researcher')
export const canManageTeam = (role: Role) => hasRole(role, 'admin')
/** Erasing a participant for good is an admin action (owners too). */
export const canEraseParticipants = (role: Role) => hasRole(role, 'admin')
/** A study's retention period, the organization's default and eraseOnRequest are an admin's (owners too). */
export const canManageRetention = (role: Role) => hasRole(role, 'admin')
/** Deleting a study takes every participant's data with it: an admin action (owners too). */
export const canDeleteStudies = (role: Role) => hasRole(role, 'admin')
