import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { en, type MessagesMessages } from './en'
import { nl } from './nl'

const messages: Record<Language, MessagesMessages> = { en, nl }

/** useI18n() with this feature's strings added to `t` (`t.messages`); they load with the feature's chunk. */
export function useMessagesI18n() {
  return useFeatureI18n(messages)
}
