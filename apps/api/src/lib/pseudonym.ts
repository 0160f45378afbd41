import { createHash } from 'node:crypto'

/**
 * A pseudonym that stays the same for a participant, and says nothing about them. One function for
 * every analyst view (findings, the empathy map), so one participant has one pseudonym everywhere.
 */
export const pseudonym = (participantId: string) =>
  `P-${createHash('sha256').update(participantId).digest('hex').slice(0, 6)}`
