import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type CodingMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, CodingMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.coding`); they load with the feature's chunk. */
export function useCodingI18n() {
  return useFeatureI18n(messages)
}
