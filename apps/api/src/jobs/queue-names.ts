/** Mail has its own queue (its rate limit is the provider's); everything else shares `work`. */
export const MAIL_QUEUE = 'mail'
export const WORK_QUEUE = 'work'
