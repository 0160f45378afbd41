import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type EmpathyMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, EmpathyMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.empathy`); they load with the feature's chunk. */
export function useEmpathyI18n() {
  return useFeatureI18n(messages)
}
