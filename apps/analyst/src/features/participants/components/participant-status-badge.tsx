import type { Participant } from '@klantreis/shared/participants'
import { useParticipantsI18n } from '../i18n'

export function ParticipantStatusBadge({ status }: { status: Participant['status'] }) {
  const { t } = useParticipantsI18n()
  return <span className={`badge badge--p-${status}`}>{t.participants.statuses[status]}</span>
}
