// The retention rule's dates (issue 14), one place for the study's answer, the refusal and the sweep.

/**
 * `d` plus whole months as PostgreSQL adds an interval of months in UTC: the same time of day, the day
 * of the month kept or, past the target month's end, its last day (31 January + 1 month = 28 or 29 February).
 */
export function addMonths(d: Date, months: number): Date {
  const target = new Date(d)
  target.setUTCDate(1)
  target.setUTCMonth(target.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay))
  return target
}

/** When a study's participants' data goes: only a closed study has ended, and only a period makes a date. */
export function retentionEnd(study: { status: string; closedAt: Date | null }, months: number | null): Date | null {
  if (study.status !== 'closed' || !study.closedAt || months === null) return null
  return addMonths(study.closedAt, months)
}

/**
 * A running study's planned end: the day after its diary's last day (`ends_on`, a calendar date; taken
 * in UTC, a few hours either way do not decide a period of months), or now when it has no diary.
 */
export function plannedEnd(diaryEndsOn: string | null, now: Date): Date {
  if (!diaryEndsOn) return now
  const end = new Date(`${diaryEndsOn}T00:00:00Z`)
  end.setUTCDate(end.getUTCDate() + 1)
  return end
}
