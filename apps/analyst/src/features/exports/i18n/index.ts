import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type ExportsMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, ExportsMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.exports`); they load with the feature's chunk. */
export function useExportsI18n() {
  return useFeatureI18n(messages)
}
