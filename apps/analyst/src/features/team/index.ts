export { useMembers } from './api/members'
