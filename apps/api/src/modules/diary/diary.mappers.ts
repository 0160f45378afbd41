import { type Diary, type DiaryEntry, DEFAULT_ENTRY_FORM, type EntryForm } from '@klantreis/shared/diary'
import type { EntryRow, findDiary } from './diary.queries.js'

type DiaryRow = NonNullable<Awaited<ReturnType<typeof findDiary>>>

export const toDiary = (d: DiaryRow): Diary => ({
  studyId: d.study_id,
  title: d.title,
  instructions: d.instructions,
  startsOn: d.starts_on,
  endsOn: d.ends_on,
  timeZone: d.time_zone,
  promptTimes: d.prompt_times,
  form: { ...DEFAULT_ENTRY_FORM, ...(d.form as Partial<EntryForm>) },
})

export const toEntry = (r: EntryRow): DiaryEntry => ({
  id: r.id,
  occurredAt: r.occurred_at.toISOString(),
  touchpointId: r.touchpoint_id,
  proposal: r.proposal_id
    ? {
        id: r.proposal_id,
        description: r.proposal_description ?? '',
        status: (r.proposal_status ?? 'pending') as 'pending',
      }
    : null,
  text: r.text,
  emotion: r.emotion,
  valence: r.valence as DiaryEntry['valence'],
  channel: r.channel as DiaryEntry['channel'],
  photoId: r.photo_id,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
})
