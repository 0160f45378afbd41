import type { ENTRY_FIELDS } from '@klantreis/shared/diary/constants'

type Labels<T extends readonly string[]> = Record<T[number], string>

export const en = {
  diary: {
    heading: 'Diary',
    intro: 'When participants keep the diary, when they are reminded and what they fill in for each moment.',
    none: 'This study has no diary yet. Fill in the form and save to set it up.',
    title: 'Title',
    titleHint: 'Participants see this at the top of their diary.',
    instructions: 'Instructions',
    instructionsHint: 'What to write down, and when.',
    startsOn: 'First day',
    endsOn: 'Last day',
    timeZone: 'Time zone',
    timeZoneHint: 'Days and reminder times count in this time zone.',
    promptTimes: 'Reminder times',
    promptTimesHint: 'Participants are reminded at these times of day (at most 6).',
    promptTime: (n: number) => `Reminder time ${n}`,
    addPromptTime: 'Add reminder time',
    removePromptTime: (n: number) => `Remove reminder time ${n}`,
    noPromptTimes: 'No reminders.',
    form: 'Entry form',
    formIntro: 'For each field: hide it, let participants skip it, or require it.',
    colField: 'Field',
    fields: {
      touchpoint: 'Touchpoint',
      text: 'What happened',
      emotion: 'Emotion',
      valence: 'Pain or gain',
      channel: 'Channel',
      photo: 'Photo',
    } as Labels<typeof ENTRY_FIELDS>,
    settings: { hidden: 'Hidden', optional: 'Optional', required: 'Required' },
    save: 'Save diary',
    saved: 'Diary saved.',
  },
}

export type DiaryMessages = typeof en
