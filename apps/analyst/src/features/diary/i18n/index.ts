import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type DiaryMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, DiaryMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.diary`); they load with the feature's chunk. */
export function useDiaryI18n() {
  return useFeatureI18n(messages)
}
