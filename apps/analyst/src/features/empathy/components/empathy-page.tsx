import type { Role } from '@klantreis/shared/auth'
import { EMPATHY_MAP_BOXES, type EmpathyMapBox, type EmpathyMapItem } from '@klantreis/shared/empathy'
import { useState } from 'react'
import { routeHref } from '../../../lib/routes'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { useEmpathyI18n } from '../i18n'
import { canEditStudies } from '../../../lib/roles'
import { useJourneyModel } from '../../journey-model'
import { StudyFrame } from '../../../components/layouts/study-frame'
import { useEmpathyMap } from '../api/empathy'
import '../empathy.css'

/** The evidence-backed empathy map: what a persona says, thinks, does and feels, and its pains and gains, each a coded quote. */
export function EmpathyPage({ studyId, role }: { studyId: string; role: Role }) {
  const { t } = useEmpathyI18n()
  const [personaId, setPersonaId] = useState('')
  const model = useJourneyModel(studyId)
  const map = useEmpathyMap(studyId, personaId)
  const personas = model.data?.personas ?? []
  const total = map.data ? EMPATHY_MAP_BOXES.reduce((n, b) => n + map.data.boxes[b].length, 0) : 0

  return (
    <StudyFrame studyId={studyId} tab="empathy" canEdit={canEditStudies(role)}>
      {() => (
        <>
          <div className="page-header">
            <div>
              <h2>{t.empathy.heading}</h2>
              <p className="muted section-intro">{t.empathy.intro}</p>
            </div>
          </div>
          <label className="inline-field">
            <span className="inline-field__label">{t.empathy.persona}</span>{' '}
            <select
              className="input input--select input--compact"
              value={personaId}
              onChange={(e) => setPersonaId(e.target.value)}
            >
              <option value="">{t.empathy.allParticipants}</option>
              {personas.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          {map.isPending ? <Loading /> : null}
          {map.isError ? <ErrorAlert error={map.error} /> : null}
          {map.isSuccess ? (
            <>
              <p className="muted" data-testid="empathy-summary">
                {t.empathy.summary(total, map.data.participants)}
              </p>
              {total === 0 ? <Notice>{t.empathy.none}</Notice> : null}
              <div className="empathy-map" aria-label={t.empathy.mapLabel}>
                {EMPATHY_MAP_BOXES.map((box) => (
                  <Box key={box} box={box} items={map.data.boxes[box]} studyId={studyId} />
                ))}
              </div>
              <p className="muted empathy-map__rule">{t.empathy.rule}</p>
            </>
          ) : null}
        </>
      )}
    </StudyFrame>
  )
}

function Box({ box, items, studyId }: { box: EmpathyMapBox; items: EmpathyMapItem[]; studyId: string }) {
  const { t } = useEmpathyI18n()
  const headingId = `empathy-box-${box}`
  return (
    <section className={`empathy-box empathy-box--${box}`} aria-labelledby={headingId} data-box={box}>
      <h3 id={headingId} className="empathy-box__title">
        {t.empathy.boxes[box]} <span className="empathy-box__count">({items.length})</span>
      </h3>
      <p className="muted empathy-box__hint">{t.empathy.hints[box]}</p>
      {items.length === 0 ? (
        <p className="muted">{t.empathy.emptyBox}</p>
      ) : (
        <ul className="empathy-box__list">
          {items.map((item) => (
            <Item key={item.codingId} item={item} studyId={studyId} />
          ))}
        </ul>
      )}
    </section>
  )
}

function Item({ item, studyId }: { item: EmpathyMapItem; studyId: string }) {
  const { t } = useEmpathyI18n()
  // the workbench opens the coded source itself, with all its codings
  const href = `${routeHref({ name: 'study-coding', studyId, view: 'workbench' })}?source=${encodeURIComponent(item.source)}`
  return (
    <li className="empathy-item" data-coding={item.codingId}>
      {/* participant text: rendered as text, never as markup */}
      <blockquote className="quote">“{item.quote}”</blockquote>
      <div className="empathy-item__meta">
        <span className="quote__who">{item.participant ?? t.empathy.anonymous}</span>
        <span>{item.touchpointName ?? t.empathy.noTouchpoint}</span>
        <span>
          {item.sourceKind === 'empathy_item'
            ? t.empathy.fromEmpathyItem(t.empathy.itemBoxes[item.itemBox ?? ''] ?? item.itemBox ?? '')
            : t.empathy.fromDiary}
        </span>
      </div>
      {item.codes.length ? (
        <div className="empathy-item__codes">
          {item.codes.map((c) => (
            <span key={c.id} className="empathy-item__code">
              {c.name}
            </span>
          ))}
        </div>
      ) : null}
      <a className="empathy-item__link" href={href} aria-label={t.empathy.openSourceNamed(item.quote)}>
        {t.empathy.openSource}
      </a>
    </li>
  )
}
