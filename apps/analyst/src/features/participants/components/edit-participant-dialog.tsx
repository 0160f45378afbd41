import type { Participant } from '@klantreis/shared/participants'
import type { Persona } from '@klantreis/shared/journey'
import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { Dialog } from '../../../components/ui/dialog'
import { TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useParticipantsI18n } from '../i18n'
import { useParticipantDetails, useUpdateParticipant } from '../api/participants'
import { participantName } from './participants-table'
import { ParticipantFields, type ParticipantFieldValues } from './participant-fields'
import { segmentRowsOf, segmentsOf } from './segments-fieldset'

type Props = { studyId: string; participant: Participant | null; personas: Persona[]; onClose: () => void }

export function EditParticipantDialog({ studyId, participant, personas, onClose }: Props) {
  const { t } = useParticipantsI18n()
  // opening a participant's details reads them from the API, which audits it (participant.viewed)
  useParticipantDetails(studyId, participant?.id ?? null)
  return (
    <Dialog
      open={participant !== null}
      title={participant ? t.participants.editTitle(participantName(participant)) : ''}
      onClose={onClose}
    >
      {participant ? (
        <EditParticipantForm
          key={participant.id}
          studyId={studyId}
          participant={participant}
          personas={personas}
          onDone={onClose}
        />
      ) : null}
    </Dialog>
  )
}

function EditParticipantForm({
  studyId,
  participant,
  personas,
  onDone,
}: {
  studyId: string
  participant: Participant
  personas: Persona[]
  onDone: () => void
}) {
  const { t } = useParticipantsI18n()
  const update = useUpdateParticipant(studyId)
  // only the roles that manage participants edit them, and they are given the contact details
  const [name, setName] = useState(participant.name ?? '')
  const [fields, setFields] = useState<ParticipantFieldValues>(() => ({
    language: participant.language,
    personaId: participant.personaId ?? '',
    externalRef: participant.externalRef ?? '',
    segmentRows: segmentRowsOf(participant.segments),
  }))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    update.mutate(
      {
        participantId: participant.id,
        body: {
          name: name.trim(),
          language: fields.language,
          personaId: fields.personaId || null,
          externalRef: fields.externalRef.trim(),
          segments: segmentsOf(fields.segmentRows),
        },
      },
      { onSuccess: onDone },
    )
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      <ErrorAlert error={update.error} />
      <p className="muted">{participant.email}</p>
      <TextField
        label={t.participants.name}
        optionalLabel={t.common.optional}
        autoComplete="off"
        value={name}
        onChange={setName}
        error={fieldError(update.error, 'name')}
        maxLength={200}
        autoFocus
      />
      <ParticipantFields values={fields} onChange={setFields} personas={personas} error={update.error} />
      <div className="form-actions">
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          {t.common.cancel}
        </button>
        <button type="submit" className="btn btn--primary" disabled={update.isPending}>
          {update.isPending ? t.common.saving : t.common.save}
        </button>
      </div>
    </form>
  )
}
