import type { Persona } from '@klantreis/shared/journey'
import { useState } from 'react'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { ConfirmDialog } from '../../../components/ui/dialog'
import { usePersonasI18n } from '../i18n'
import { useJourneyModel } from '../../journey-model'
import { useDeletePersona, useReorderPersonas } from '../api/personas'
import { PersonaDialog } from './persona-dialog'

type Props = { studyId: string; canEdit: boolean; headingId: string }
type Editing = { persona: Persona | null } | null

export function PersonasEditor({ studyId, canEdit, headingId }: Props) {
  const { t } = usePersonasI18n()
  const model = useJourneyModel(studyId)
  const [editing, setEditing] = useState<Editing>(null)
  const [deleting, setDeleting] = useState<Persona | null>(null)
  const remove = useDeletePersona(studyId)
  const reorder = useReorderPersonas(studyId)

  const personas = model.data?.personas ?? []
  const move = (index: number, delta: -1 | 1) => {
    const ids = personas.map((p) => p.id)
    const [id] = ids.splice(index, 1)
    if (!id) return
    ids.splice(index + delta, 0, id)
    reorder.mutate(ids)
  }

  return (
    <div className="panel stack">
      <div className="section-header">
        <div>
          <h2 id={headingId}>{t.personas.heading}</h2>
          <p className="muted">{t.personas.intro}</p>
        </div>
        {canEdit ? (
          <button type="button" className="btn btn--primary" onClick={() => setEditing({ persona: null })}>
            <span aria-hidden="true">+ </span>
            {t.personas.add}
          </button>
        ) : null}
      </div>

      {model.isPending ? <Loading /> : null}
      <ErrorAlert error={model.error ?? reorder.error} />
      {model.isSuccess && personas.length === 0 ? <p className="empty">{t.personas.empty}</p> : null}

      <ul className="persona-grid">
        {personas.map((persona, index) => {
          const attributes = Object.entries(persona.attributes)
          return (
            <li key={persona.id} className="persona-card" aria-label={persona.name}>
              <div className="persona-card__head">
                <h3 className="persona-card__name">{persona.name}</h3>
                {persona.dmuRole ? <span className="badge badge--dmu">{t.dmuRoles[persona.dmuRole]}</span> : null}
              </div>
              {persona.description ? <p className="persona-card__desc">{persona.description}</p> : null}
              {attributes.length > 0 ? (
                <dl className="attr-list">
                  {attributes.map(([key, value]) => (
                    <div key={key} className="attr-list__row">
                      <dt>{key}</dt>
                      <dd>{value}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
              {canEdit ? (
                <div className="card-actions">
                  <button type="button" className="btn btn--ghost btn--small" onClick={() => setEditing({ persona })}>
                    {t.common.edit}
                    <span className="visually-hidden"> {persona.name}</span>
                  </button>
                  <button type="button" className="btn btn--ghost btn--small" onClick={() => setDeleting(persona)}>
                    {t.common.delete}
                    <span className="visually-hidden"> {persona.name}</span>
                  </button>
                  <span className="card-actions__spacer" />
                  <button
                    type="button"
                    className="btn btn--ghost btn--icon btn--small"
                    onClick={() => move(index, -1)}
                    disabled={index === 0}
                    aria-label={`${t.personas.moveUp}: ${persona.name}`}
                    title={t.personas.moveUp}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn--ghost btn--icon btn--small"
                    onClick={() => move(index, 1)}
                    disabled={index === personas.length - 1}
                    aria-label={`${t.personas.moveDown}: ${persona.name}`}
                    title={t.personas.moveDown}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                </div>
              ) : null}
            </li>
          )
        })}
      </ul>

      <PersonaDialog
        studyId={studyId}
        open={editing !== null}
        persona={editing?.persona ?? null}
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        message={deleting ? t.personas.deleteConfirm(deleting.name) : ''}
        confirmLabel={t.common.delete}
        pending={remove.isPending}
        error={<ErrorAlert error={remove.error} />}
        onClose={() => {
          setDeleting(null)
          remove.reset()
        }}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </div>
  )
}
