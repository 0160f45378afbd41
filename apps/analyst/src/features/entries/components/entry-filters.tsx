import { VALENCES } from '@klantreis/shared/diary/constants'
import type { Participant } from '@klantreis/shared/participants'
import type { JourneyModel } from '@klantreis/shared/journey'
import { useId } from 'react'
import { SelectField, TextField } from '../../../components/ui/field'
import { useEntriesI18n } from '../i18n'
import { EMPTY_FILTERS, type EntryFilters as Filters } from '../api/entries'

type Props = {
  value: Filters
  onChange: (f: Filters) => void
  model: JourneyModel | undefined
  participants: Participant[]
}

export function EntryFilters({ value, onChange, model, participants }: Props) {
  const { t } = useEntriesI18n()
  const headingId = useId()
  const stages = model?.stages ?? []
  const touchpoints = (model?.touchpoints ?? [])
    .filter((tp) => !value.stageId || tp.stageId === value.stageId)
    .sort((a, b) => {
      const sa = stages.findIndex((s) => s.id === a.stageId)
      const sb = stages.findIndex((s) => s.id === b.stageId)
      return sa - sb || a.position - b.position
    })
  const all = { value: '', label: t.entries.all }
  const set =
    <K extends keyof Filters>(key: K) =>
    (v: Filters[K]) =>
      onChange({ ...value, [key]: v })
  const active = Object.values(value).some(Boolean)

  return (
    <section className="panel filters" aria-labelledby={headingId}>
      <div className="filters__head">
        <h2 id={headingId} className="filters__title">
          {t.entries.filters}
        </h2>
        {active ? (
          <button type="button" className="btn btn--ghost btn--small" onClick={() => onChange(EMPTY_FILTERS)}>
            {t.entries.clear}
          </button>
        ) : null}
      </div>
      <div className="filters__grid">
        <SelectField
          label={t.entries.participant}
          value={value.participantId}
          options={[all, ...participants.map((p) => ({ value: p.id, label: p.pseudonym }))]}
          onChange={set('participantId')}
        />
        <SelectField
          label={t.entries.persona}
          value={value.personaId}
          options={[all, ...(model?.personas ?? []).map((p) => ({ value: p.id, label: p.name }))]}
          onChange={set('personaId')}
        />
        <SelectField
          label={t.entries.stage}
          value={value.stageId}
          options={[all, ...stages.map((s) => ({ value: s.id, label: s.name }))]}
          onChange={(stageId) => {
            const tp = model?.touchpoints.find((x) => x.id === value.touchpointId)
            // a touchpoint outside the new stage would filter everything away
            onChange({
              ...value,
              stageId,
              touchpointId: tp && stageId && tp.stageId !== stageId ? '' : value.touchpointId,
            })
          }}
        />
        <SelectField
          label={t.entries.touchpoint}
          value={value.touchpointId}
          options={[all, ...touchpoints.map((tp) => ({ value: tp.id, label: tp.name }))]}
          onChange={set('touchpointId')}
        />
        <SelectField
          label={t.entries.valence}
          value={value.valence}
          options={[
            { value: '' as const, label: t.entries.all },
            ...VALENCES.map((v) => ({ value: v, label: t.entries.valences[v] })),
          ]}
          onChange={set('valence')}
        />
        <TextField label={t.entries.from} type="date" value={value.from} onChange={set('from')} />
        <TextField label={t.entries.to} type="date" value={value.to} onChange={set('to')} />
      </div>
    </section>
  )
}
