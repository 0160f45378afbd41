import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { subjectsFor as subjects } from '../../email/templates/participant-mail.js'
import { insertDuePrompts, insertDueReminders, studiesWithPrompts, surveysWithReminders } from './messages.queries.js'

/**
 * Write the diary prompts and survey reminders that are due at `now` into the outbox (the pump
 * then hands them to the queue). Idempotent: each prompt and reminder has its own key, so running
 * this every tick, on several workers at once, or again after a crash writes each one once. The
 * clock is a parameter: the worker passes the time, a test can pass any time it likes.
 */
export async function scheduleDue(db: Kysely<DB>, now: Date) {
  let prompts = 0
  for (const s of await studiesWithPrompts(db, now)) {
    prompts += await insertDuePrompts(
      db,
      {
        studyId: s.study_id,
        organizationId: s.organization_id,
        subjects: subjects('diary_prompt', { studyTitle: s.study_title, organizationName: s.organization_name }),
      },
      now,
    )
  }
  let reminders = 0
  for (const r of await surveysWithReminders(db)) {
    reminders += await insertDueReminders(
      db,
      {
        surveyId: r.survey_id,
        studyId: r.study_id,
        organizationId: r.organization_id,
        max: r.max_reminders,
        intervalHours: r.interval_hours,
        subjects: subjects('reminder', {
          studyTitle: r.study_title,
          organizationName: r.organization_name,
          surveyTitle: r.survey_title,
        }),
      },
      now,
    )
  }
  return { prompts, reminders }
}
