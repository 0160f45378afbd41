import { defineError } from '../../lib/errors.js'

export const StudyNotFoundError = defineError<[string]>('STUDY_NOT_FOUND', 'Study %s not found', 404)

const RetentionWouldEraseRunning = defineError<[number, string]>(
  'RETENTION_WOULD_ERASE_RUNNING',
  "%s months after this running study's planned end (%s) has already passed. Close the study first (the " +
    'period then counts from its closing) or choose a longer period; the data of a running study is never erased.',
  409,
)

/**
 * A retention period that has already run out from a running study's planned end (its diary's last
 * day, or now): refused, as it would not say what happens (the sweep never erases a running study,
 * and once closed its period counts from the closing). Names the field, so the analyst app shows it there.
 */
export class RetentionWouldEraseRunningError extends RetentionWouldEraseRunning {
  readonly details: { path: string; message: string }[]
  constructor(months: number, plannedEnd: string) {
    super(months, plannedEnd)
    this.details = [{ path: 'body.retentionMonths', message: this.message }]
  }
}
