import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type SurveysMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, SurveysMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.surveys`); they load with the feature's chunk. */
export function useSurveysI18n() {
  return useFeatureI18n(messages)
}
