import type { JourneyModel } from '@klantreis/shared/journey'
import { type Dispatch, type SetStateAction, useState } from 'react'
import { fieldError } from '../../../lib/api-client'
import { useFindingsI18n } from '../i18n'
import type { useStudyCodings } from '../api/findings'

type Coding = NonNullable<ReturnType<typeof useStudyCodings>['data']>['items'][number]

/** The quotes that back the finding: the study's codings to tick, with a filter once there are more than five. */
export function EvidencePicker({
  codings,
  codingIds,
  setCodingIds,
  model,
  err,
}: {
  codings: Coding[] | undefined
  codingIds: string[]
  setCodingIds: Dispatch<SetStateAction<string[]>>
  model: JourneyModel
  err: unknown
}) {
  const { t } = useFindingsI18n()
  const [quoteFilter, setQuoteFilter] = useState('')
  const shownCodings = (codings ?? []).filter(
    (c) => !quoteFilter || c.quote.toLowerCase().includes(quoteFilter.toLowerCase()) || codingIds.includes(c.id),
  )
  return (
    <fieldset className="fieldset">
      <legend className="field__label">{t.findings.evidence}</legend>
      <p className="field__hint">{t.findings.evidenceHint}</p>
      {codings && codings.length === 0 ? <p className="muted">{t.findings.noCodings}</p> : null}
      {codings && codings.length > 5 ? (
        <input
          className="input input--compact"
          aria-label={t.findings.evidenceFilter}
          placeholder={t.findings.evidenceFilter}
          value={quoteFilter}
          onChange={(e) => setQuoteFilter(e.target.value)}
        />
      ) : null}
      {shownCodings.length > 0 ? (
        <div className="evidence-pick">
          {shownCodings.map((c) => (
            <label key={c.id}>
              <input
                type="checkbox"
                checked={codingIds.includes(c.id)}
                onChange={(e) =>
                  setCodingIds((ids) => (e.target.checked ? [...ids, c.id] : ids.filter((x) => x !== c.id)))
                }
              />
              <span>
                “{c.quote}”
                {c.touchpointId ? (
                  <span className="muted"> · {model.touchpoints.find((tp) => tp.id === c.touchpointId)?.name}</span>
                ) : null}
              </span>
            </label>
          ))}
        </div>
      ) : null}
      {fieldError(err, 'codingIds') ? <p className="field__error">{fieldError(err, 'codingIds')}</p> : null}
    </fieldset>
  )
}
