import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type DashboardMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, DashboardMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.dashboard`); they load with the feature's chunk. */
export function useDashboardI18n() {
  return useFeatureI18n(messages)
}
