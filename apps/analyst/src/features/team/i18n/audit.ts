import type { Language } from '@klantreis/shared/common'
import { useFeatureI18n } from '../../../lib/i18n'
import { auditEn, type AuditMessages } from './audit.en'
import { auditNl } from './audit.nl'

const messages: Record<Language, AuditMessages> = { en: auditEn, nl: auditNl }

/** useI18n() with the audit screen's strings (`t.audit`): the action labels in en and nl. */
export function useAuditI18n() {
  return useFeatureI18n(messages)
}
