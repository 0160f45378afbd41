import { DMU_ROLES, type Persona } from '@klantreis/shared/journey'
import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { Dialog } from '../../../components/ui/dialog'
import { SelectField, TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { usePersonasI18n } from '../i18n'
import { useSavePersona } from '../api/personas'

type Props = { studyId: string; open: boolean; persona: Persona | null; onClose: () => void }

export function PersonaDialog({ studyId, open, persona, onClose }: Props) {
  const { t } = usePersonasI18n()
  return (
    <Dialog open={open} title={persona ? t.personas.editTitle : t.personas.addTitle} onClose={onClose}>
      <PersonaForm key={persona?.id ?? 'new'} studyId={studyId} persona={persona} onDone={onClose} />
    </Dialog>
  )
}

type DmuChoice = NonNullable<Persona['dmuRole']> | 'none'
type AttributeRow = { key: string; value: string; id: number }

let nextRowId = 1

function PersonaForm({ studyId, persona, onDone }: { studyId: string; persona: Persona | null; onDone: () => void }) {
  const { t } = usePersonasI18n()
  const save = useSavePersona(studyId)
  const [name, setName] = useState(persona?.name ?? '')
  const [description, setDescription] = useState(persona?.description ?? '')
  const [dmuRole, setDmuRole] = useState<DmuChoice>(persona?.dmuRole ?? 'none')
  const [rows, setRows] = useState<AttributeRow[]>(() =>
    Object.entries(persona?.attributes ?? {}).map(([key, value]) => ({ key, value, id: nextRowId++ })),
  )

  const setRow = (id: number, patch: Partial<AttributeRow>) =>
    setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const attributes: Record<string, string> = {}
    for (const row of rows) if (row.key.trim()) attributes[row.key.trim()] = row.value.trim()
    save.mutate(
      {
        personaId: persona?.id ?? null,
        body: {
          name: name.trim(),
          description: description.trim(),
          attributes,
          dmuRole: dmuRole === 'none' ? null : dmuRole,
        },
      },
      { onSuccess: onDone },
    )
  }

  const attributesError = fieldError(save.error, 'attributes')

  return (
    <form onSubmit={submit} noValidate className="stack">
      <ErrorAlert error={save.error} />
      <TextField
        label={t.personas.name}
        value={name}
        onChange={setName}
        error={fieldError(save.error, 'name')}
        maxLength={200}
        required
        autoFocus
      />
      <TextField
        label={t.personas.description}
        value={description}
        onChange={setDescription}
        error={fieldError(save.error, 'description')}
        optionalLabel={t.common.optional}
        multiline
        rows={3}
      />
      <SelectField<DmuChoice>
        label={t.personas.dmuRole}
        value={dmuRole}
        options={[
          { value: 'none', label: t.personas.dmuNone },
          ...DMU_ROLES.map((r) => ({ value: r, label: t.dmuRoles[r] })),
        ]}
        onChange={setDmuRole}
        error={fieldError(save.error, 'dmuRole')}
      />
      <fieldset className="fieldset">
        <legend className="field__label">{t.personas.attributes}</legend>
        <p className="field__hint">{t.personas.attributesHint}</p>
        <div className="attr-rows">
          {rows.map((row, i) => (
            <div key={row.id} className="attr-row">
              <input
                className="input"
                aria-label={t.personas.attributeKey(i + 1)}
                value={row.key}
                maxLength={60}
                onChange={(e) => setRow(row.id, { key: e.target.value })}
              />
              <input
                className="input"
                aria-label={t.personas.attributeValue(i + 1)}
                value={row.value}
                maxLength={500}
                onChange={(e) => setRow(row.id, { value: e.target.value })}
              />
              <button
                type="button"
                className="btn btn--ghost btn--icon"
                aria-label={t.personas.removeAttribute(i + 1)}
                onClick={() => setRows((rs) => rs.filter((r) => r.id !== row.id))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </div>
          ))}
        </div>
        <button
          type="button"
          className="btn btn--secondary btn--small"
          onClick={() => setRows((rs) => [...rs, { key: '', value: '', id: nextRowId++ }])}
          disabled={rows.length >= 30}
        >
          {t.personas.addAttribute}
        </button>
        {attributesError ? <p className="field__error">{attributesError}</p> : null}
      </fieldset>
      <div className="form-actions">
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          {t.common.cancel}
        </button>
        <button type="submit" className="btn btn--primary" disabled={save.isPending}>
          {save.isPending ? t.common.saving : t.common.save}
        </button>
      </div>
    </form>
  )
}
