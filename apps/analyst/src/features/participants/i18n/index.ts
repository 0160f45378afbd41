import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type ParticipantsMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, ParticipantsMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.participants`, `t.csvImport`, `t.consent`); they load with the feature's chunk. */
export function useParticipantsI18n() {
  return useFeatureI18n(messages)
}
