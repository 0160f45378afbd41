import type { Participant, ParticipantErasure } from '@klantreis/shared/participants'
import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { Dialog } from '../../../components/ui/dialog'
import { TextField } from '../../../components/ui/field'
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
  const [typed, setTyped] = useState('')
  const expected = erasureConfirmation(participant)
  const confirmed = typed.trim() === expected

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!confirmed || erase.isPending) return
    erase.mutate(participant.id, { onSuccess: onErased })
  }

  return (
    <form onSubmit={submit} noValidate className="stack erase-participant">
      <p>{t.participants.erase.intro(participantName(participant))}</p>
      <ul className="erase-participant__list">
        {t.participants.erase.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      <p className="muted">{t.participants.erase.kept}</p>
      <p className="muted">{t.participants.erase.mailFolder}</p>
      <ErrorAlert error={erase.error} />
      <TextField
        label={t.participants.erase.typeName(expected)}
        autoComplete="off"
        value={typed}
        onChange={setTyped}
        autoFocus
      />
      <div className="form-actions">
        <button type="button" className="btn btn--secondary" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" className="btn btn--danger" disabled={!confirmed || erase.isPending}>
          {erase.isPending ? t.participants.erase.erasing : t.participants.erase.confirm}
        </button>
      </div>
    </form>
  )
}
