import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type EntriesMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, EntriesMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.entries`, `t.chart`, `t.proposals`); they load with the feature's chunk. */
export function useEntriesI18n() {
  return useFeatureI18n(messages)
}
