// zod-free: front ends read these without pulling in validation.
/** Mail to participants (and the teammate invitation, which shares the outbox). */
export const MESSAGE_KINDS = [
  'diary_invitation',
  'survey_invitation',
  'reminder',
  'diary_prompt',
  'feedback',
  'team_invitation',
] as const
/** queued → sending → sent; failed (with the reason); suppressed (never sent, with the reason). */
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed', 'suppressed'] as const
/**
 * Every participant mail with a personal link has a new one, and its going out replaces the
 * participant's older mail links: they still open for this many hours (the mail that just arrived
 * keeps working), then no longer. Links a researcher made are not replaced.
 */
export const REPLACED_LINK_GRACE_HOURS = 1

/** The error codes the API answers with in this domain: the message log and sends. */
export const MESSAGES_ERROR_CODES = ['SEND_NOT_FOUND'] as const
