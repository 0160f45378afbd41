import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type PersonasMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, PersonasMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.personas`); they load with the feature's chunk. */
export function usePersonasI18n() {
  return useFeatureI18n(messages)
}
