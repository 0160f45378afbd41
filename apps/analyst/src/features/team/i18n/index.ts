import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type TeamMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, TeamMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.team`); they load with the feature's chunk. */
export function useTeamI18n() {
  return useFeatureI18n(messages)
}
