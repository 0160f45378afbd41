import type { Language } from '@klantreis/shared/common'
import type { Participant } from '@klantreis/shared/participants'
import type { Persona } from '@klantreis/shared/journey'
import type { Study } from '@klantreis/shared/studies'
import { useState, type FormEvent } from 'react'
import { ErrorAlert, Notice } from '../../../components/ui/alert'
import { TextField } from '../../../components/ui/field'
import { fieldError, isApiError } from '../../../lib/api-client'
import { useParticipantsI18n } from '../i18n'
import { useCreateParticipant } from '../api/participants'
import { participantName } from './participants-table'
import { ParticipantFields, type ParticipantFieldValues } from './participant-fields'
import { segmentsOf } from './segments-fieldset'

type Props = { studyId: string; study: Study; personas: Persona[]; onLink: (p: Participant) => void }

export function AddParticipantForm({ studyId, study, personas, onLink }: Props) {
  const { t } = useParticipantsI18n()
  const create = useCreateParticipant(studyId)
  const defaultLanguage: Language = study.languages[0] ?? 'nl'
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [fields, setFields] = useState<ParticipantFieldValues>({
    language: defaultLanguage,
    personaId: '',
    externalRef: '',
    segmentRows: [],
  })
  const [added, setAdded] = useState<Participant | null>(null)

  const exists = isApiError(create.error) && create.error.code === 'PARTICIPANT_EXISTS'

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setAdded(null)
    create.mutate(
      {
        email: email.trim(),
        name: name.trim(),
        language: fields.language,
        personaId: fields.personaId || null,
        externalRef: fields.externalRef.trim(),
        segments: segmentsOf(fields.segmentRows),
      },
      {
        onSuccess: (participant) => {
          setAdded(participant)
          setEmail('')
          setName('')
          // language and persona stay: the next participant is often alike
          setFields((f) => ({ ...f, externalRef: '', segmentRows: [] }))
        },
      },
    )
  }

  return (
    <section className="panel stack" aria-labelledby="add-participant-heading">
      <h2 id="add-participant-heading">{t.participants.addHeading}</h2>
      <form onSubmit={submit} noValidate className="stack">
        {!exists ? <ErrorAlert error={create.error} /> : null}
        <TextField
          label={t.participants.email}
          type="email"
          autoComplete="off"
          value={email}
          onChange={setEmail}
          error={exists ? t.participants.exists : fieldError(create.error, 'email')}
          maxLength={254}
          required
        />
        <TextField
          label={t.participants.name}
          optionalLabel={t.common.optional}
          autoComplete="off"
          value={name}
          onChange={setName}
          error={fieldError(create.error, 'name')}
          maxLength={200}
        />
        <ParticipantFields values={fields} onChange={setFields} personas={personas} error={create.error} />
        <div className="form-actions form-actions--start">
          <button type="submit" className="btn btn--primary" disabled={create.isPending}>
            {create.isPending ? t.participants.adding : t.participants.add}
          </button>
        </div>
      </form>
      {added ? (
        <Notice tone="success">
          <p>{t.participants.added(participantName(added))}</p>
          <div>
            <button type="button" className="btn btn--secondary btn--small" onClick={() => onLink(added)}>
              {t.participants.personalLink}
              <span className="visually-hidden">: {participantName(added)}</span>
            </button>
          </div>
        </Notice>
      ) : null}
    </section>
  )
}
