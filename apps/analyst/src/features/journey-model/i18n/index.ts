import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type JourneyModelMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, JourneyModelMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.model`); they load with the feature's chunk. */
export function useJourneyModelI18n() {
  return useFeatureI18n(messages)
}
