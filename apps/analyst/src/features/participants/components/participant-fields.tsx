import { LanguageSchema, type Language } from '@klantreis/shared/common'
import type { Persona } from '@klantreis/shared/journey'
import { SelectField, TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useParticipantsI18n } from '../i18n'
import { type SegmentRow, SegmentsFieldset } from './segments-fieldset'

export type ParticipantFieldValues = {
  language: Language
  personaId: string
  externalRef: string
  segmentRows: SegmentRow[]
}

/** Language, persona, external reference and segments: the same fields when adding and when editing. */
export function ParticipantFields({
  values,
  onChange,
  personas,
  error,
}: {
  values: ParticipantFieldValues
  onChange: (v: ParticipantFieldValues) => void
  personas: Persona[]
  error: unknown
}) {
  const { t } = useParticipantsI18n()
  const set =
    <K extends keyof ParticipantFieldValues>(key: K) =>
    (v: ParticipantFieldValues[K]) =>
      onChange({ ...values, [key]: v })
  return (
    <>
      <div className="grid-2">
        <SelectField
          label={t.participants.language}
          value={values.language}
          options={LanguageSchema.options.map((l) => ({ value: l, label: t.languages[l] }))}
          onChange={set('language')}
          error={fieldError(error, 'language')}
        />
        <SelectField
          label={t.participants.persona}
          value={values.personaId}
          options={[
            { value: '', label: t.participants.personaNone },
            ...personas.map((p) => ({ value: p.id, label: p.name })),
          ]}
          onChange={set('personaId')}
          error={fieldError(error, 'personaId')}
        />
      </div>
      <TextField
        label={t.participants.externalRef}
        hint={t.participants.externalRefHint}
        optionalLabel={t.common.optional}
        autoComplete="off"
        value={values.externalRef}
        onChange={set('externalRef')}
        error={fieldError(error, 'externalRef')}
        maxLength={200}
      />
      <SegmentsFieldset rows={values.segmentRows} onChange={set('segmentRows')} error={error} />
    </>
  )
}
