import './team.css'
export { useMembers } from './api/members'
