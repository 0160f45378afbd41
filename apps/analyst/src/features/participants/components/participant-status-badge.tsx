import type { Participant } from '@klantreis/shared/participants'
import { useI18n } from '../../../lib/i18n'

export function ParticipantStatusBadge({ status }: { status: Participant['status'] }) {
  const { t } = useI18n()
  return <span className={`badge badge--p-${status}`}>{t.participants.statuses[status]}</span>
}
