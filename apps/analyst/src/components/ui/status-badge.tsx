import type { Study } from '@klantreis/shared/studies'
import { useI18n } from '../../lib/i18n'

export function StatusBadge({ status }: { status: Study['status'] }) {
  const { t } = useI18n()
  return <span className={`badge badge--${status}`}>{t.statuses[status]}</span>
}
