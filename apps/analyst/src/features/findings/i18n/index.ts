import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type FindingsMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, FindingsMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.findings`); they load with the feature's chunk. */
export function useFindingsI18n() {
  return useFeatureI18n(messages)
}
