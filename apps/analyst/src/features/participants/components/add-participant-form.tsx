import { LanguageSchema, type Language } from '@klantreis/shared/common'
import type { Participant } from '@klantreis/shared/diary'
import type { Persona, Study } from '@klantreis/shared/studies'
import { useState, type FormEvent } from 'react'
import { ErrorAlert, Notice } from '../../../components/ui/alert'
import { SelectField, TextField } from '../../../components/ui/field'
import { fieldError, isApiError } from '../../../lib/api-client'
import { useI18n } from '../../../lib/i18n'
import { useCreateParticipant } from '../api/participants'
import { participantName } from './participants-table'
import { type SegmentRow, SegmentsFieldset, segmentsOf } from './segments-fieldset'

type Props = { studyId: string; study: Study; personas: Persona[]; onLink: (p: Participant) => void }

export function AddParticipantForm({ studyId, study, personas, onLink }: Props) {
  const { t } = useI18n()
  const create = useCreateParticipant(studyId)
  const defaultLanguage: Language = study.languages[0] ?? 'nl'
  const [email, setEmail] = useState('')
  const [name, setName] = useState('')
  const [language, setLanguage] = useState<Language>(defaultLanguage)
  const [personaId, setPersonaId] = useState('')
  const [externalRef, setExternalRef] = useState('')
  const [segmentRows, setSegmentRows] = useState<SegmentRow[]>([])
  const [added, setAdded] = useState<Participant | null>(null)

  const exists = isApiError(create.error) && create.error.code === 'PARTICIPANT_EXISTS'

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setAdded(null)
    create.mutate(
      { email: email.trim(), name: name.trim(), language, personaId: personaId || null, externalRef: externalRef.trim(), segments: segmentsOf(segmentRows) },
      {
        onSuccess: (participant) => {
          setAdded(participant)
          setEmail('')
          setName('')
          setExternalRef('')
          setSegmentRows([])
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
        <div className="grid-2">
          <SelectField
            label={t.participants.language}
            value={language}
            options={LanguageSchema.options.map((l) => ({ value: l, label: t.languages[l] }))}
            onChange={setLanguage}
            error={fieldError(create.error, 'language')}
          />
          <SelectField
            label={t.participants.persona}
            value={personaId}
            options={[{ value: '', label: t.participants.personaNone }, ...personas.map((p) => ({ value: p.id, label: p.name }))]}
            onChange={setPersonaId}
            error={fieldError(create.error, 'personaId')}
          />
        </div>
        <TextField
          label={t.participants.externalRef}
          hint={t.participants.externalRefHint}
          optionalLabel={t.common.optional}
          autoComplete="off"
          value={externalRef}
          onChange={setExternalRef}
          error={fieldError(create.error, 'externalRef')}
          maxLength={200}
        />
        <SegmentsFieldset rows={segmentRows} onChange={setSegmentRows} error={create.error} />
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
