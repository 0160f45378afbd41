import { LanguageSchema, type Language } from '@klantreis/shared/common'
import type { Participant } from '@klantreis/shared/diary'
import type { Persona } from '@klantreis/shared/studies'
import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { Dialog } from '../../../components/ui/dialog'
import { SelectField, TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useI18n } from '../../../lib/i18n'
import { useUpdateParticipant } from '../api/participants'
import { participantName } from './participants-table'
import { SegmentsFieldset, segmentRowsOf, segmentsOf } from './segments-fieldset'

type Props = { studyId: string; participant: Participant | null; personas: Persona[]; onClose: () => void }

export function EditParticipantDialog({ studyId, participant, personas, onClose }: Props) {
  const { t } = useI18n()
  return (
    <Dialog open={participant !== null} title={participant ? t.participants.editTitle(participantName(participant)) : ''} onClose={onClose}>
      {participant ? <EditParticipantForm key={participant.id} studyId={studyId} participant={participant} personas={personas} onDone={onClose} /> : null}
    </Dialog>
  )
}

function EditParticipantForm({ studyId, participant, personas, onDone }: { studyId: string; participant: Participant; personas: Persona[]; onDone: () => void }) {
  const { t } = useI18n()
  const update = useUpdateParticipant(studyId)
  const [name, setName] = useState(participant.name)
  const [language, setLanguage] = useState<Language>(participant.language)
  const [personaId, setPersonaId] = useState(participant.personaId ?? '')
  const [externalRef, setExternalRef] = useState(participant.externalRef)
  const [segmentRows, setSegmentRows] = useState(() => segmentRowsOf(participant.segments))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    update.mutate(
      {
        participantId: participant.id,
        body: { name: name.trim(), language, personaId: personaId || null, externalRef: externalRef.trim(), segments: segmentsOf(segmentRows) },
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
      <div className="grid-2">
        <SelectField
          label={t.participants.language}
          value={language}
          options={LanguageSchema.options.map((l) => ({ value: l, label: t.languages[l] }))}
          onChange={setLanguage}
          error={fieldError(update.error, 'language')}
        />
        <SelectField
          label={t.participants.persona}
          value={personaId}
          options={[{ value: '', label: t.participants.personaNone }, ...personas.map((p) => ({ value: p.id, label: p.name }))]}
          onChange={setPersonaId}
          error={fieldError(update.error, 'personaId')}
        />
      </div>
      <TextField
        label={t.participants.externalRef}
        hint={t.participants.externalRefHint}
        optionalLabel={t.common.optional}
        autoComplete="off"
        value={externalRef}
        onChange={setExternalRef}
        error={fieldError(update.error, 'externalRef')}
        maxLength={200}
      />
      <SegmentsFieldset rows={segmentRows} onChange={setSegmentRows} error={update.error} />
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
