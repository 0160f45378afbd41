import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type StudiesMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, StudiesMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.studies`, `t.wizard`); they load with the feature's chunk. */
export function useStudiesI18n() {
  return useFeatureI18n(messages)
}
