import './entries.css'
export { useProposals } from './api/proposals'
