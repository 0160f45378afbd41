import type { Participant, ParticipantErasure } from '@klantreis/shared/participants'
import { Dialog } from '../../../components/ui/dialog'
import { TypedConfirmation } from '../../../components/ui/typed-confirmation'
import { useParticipantsI18n } from '../i18n'
import { useEraseParticipant } from '../api/participants'
import { participantName } from './participants-table'

/** What the analyst types to confirm: the participant's name, or ERASE when they have none. */
export const erasureConfirmation = (p: Pick<Participant, 'name'>) => p.name?.trim() || 'ERASE'

type Props = {
  studyId: string
  participant: Participant | null
  onClose: () => void
  onErased: (participant: Participant, erasure: ParticipantErasure) => void
}

/** Erases a participant for good (admins and owners), after a confirmation that names what goes. */
export function EraseParticipantDialog({ studyId, participant, onClose, onErased }: Props) {
  const { t } = useParticipantsI18n()
  return (
    <Dialog
      open={participant !== null}
      title={participant ? t.participants.erase.title(participantName(participant)) : ''}
      onClose={onClose}
    >
      {participant ? (
        <EraseParticipantForm
          key={participant.id}
          studyId={studyId}
          participant={participant}
          onCancel={onClose}
          onErased={(erasure) => onErased(participant, erasure)}
        />
      ) : null}
    </Dialog>
  )
}

function EraseParticipantForm({
  studyId,
  participant,
  onCancel,
  onErased,
}: {
  studyId: string
  participant: Participant
  onCancel: () => void
  onErased: (erasure: ParticipantErasure) => void
}) {
  const { t } = useParticipantsI18n()
  const erase = useEraseParticipant(studyId)
  const expected = erasureConfirmation(participant)
  return (
    <TypedConfirmation
      className="erase-participant"
      expected={expected}
      label={t.participants.erase.typeName(expected)}
      confirmLabel={t.participants.erase.confirm}
      pendingLabel={t.participants.erase.erasing}
      pending={erase.isPending}
      error={erase.error}
      onConfirm={() => erase.mutate(participant.id, { onSuccess: onErased })}
      onCancel={onCancel}
    >
      <p>{t.participants.erase.intro(participantName(participant))}</p>
      <ul className="erase-participant__list">
        {t.participants.erase.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <p className="muted">{t.participants.erase.kept}</p>
      <p className="muted">{t.participants.erase.mailFolder}</p>
    </TypedConfirmation>
  )
}
