export { useProposals } from './api/proposals'
