import { SEGMENT_KEY_MAX, SEGMENT_VALUE_MAX, SEGMENTS_MAX, type Segments } from '@klantreis/shared/participants'
import { isApiError } from '../../../lib/api-client'
import { useParticipantsI18n } from '../i18n'

export type SegmentRow = { id: number; key: string; value: string }

let nextRowId = 1
export const newSegmentRow = (key = '', value = ''): SegmentRow => ({ id: nextRowId++, key, value })
/** By name: PostgreSQL's jsonb keeps no order of its own (shorter keys come first). */
const sortedEntries = (segments: Segments) => Object.entries(segments).sort(([a], [b]) => a.localeCompare(b))
export const segmentRowsOf = (segments: Segments): SegmentRow[] =>
  sortedEntries(segments).map(([k, v]) => newSegmentRow(k, v))

/** Rows → the body's `segments`; a row left wholly empty is no attribute, anything else goes to the API to judge. */
export const segmentsOf = (rows: SegmentRow[]): Segments =>
  Object.fromEntries(rows.filter((r) => r.key.trim() || r.value.trim()).map((r) => [r.key.trim(), r.value.trim()]))

/** The API names the attribute in the path (body.segments.<key>); say which one is wrong. */
function segmentsError(err: unknown): string | undefined {
  if (!isApiError(err) || !err.details) return undefined
  for (const d of err.details) {
    const m = /^(?:body\.)?segments(?:\.(.*))?$/.exec(d.path)
    if (m) return m[1] ? `"${m[1]}": ${d.message}` : d.message
  }
  return undefined
}

type Props = { rows: SegmentRow[]; onChange: (rows: SegmentRow[]) => void; error: unknown }

/** Segment attributes as name/value rows, added and removed one by one. */
export function SegmentsFieldset({ rows, onChange, error }: Props) {
  const { t } = useParticipantsI18n()
  const message = segmentsError(error)
  const setRow = (id: number, patch: Partial<SegmentRow>) =>
    onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)))
  return (
    <fieldset className={`fieldset${message ? ' field--invalid' : ''}`}>
      <legend className="field__label">
        {t.participants.segments} <span className="field__optional">{t.common.optional}</span>
      </legend>
      <p className="field__hint">{t.participants.segmentsHint}</p>
      {rows.length > 0 ? (
        <div className="attr-rows">
          {rows.map((row, i) => (
            <div key={row.id} className="attr-row">
              <input
                className="input"
                aria-label={t.participants.segmentKey(i + 1)}
                placeholder={i === 0 ? 'customerType' : undefined}
                value={row.key}
                maxLength={SEGMENT_KEY_MAX}
                onChange={(e) => setRow(row.id, { key: e.target.value })}
              />
              <input
                className="input"
                aria-label={t.participants.segmentValue(i + 1)}
                placeholder={i === 0 ? 'new' : undefined}
                value={row.value}
                maxLength={SEGMENT_VALUE_MAX}
                onChange={(e) => setRow(row.id, { value: e.target.value })}
              />
              <button
                type="button"
                className="btn btn--ghost btn--icon"
                aria-label={t.participants.removeSegment(i + 1)}
                onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </div>
          ))}
        </div>
      ) : null}
      <button
        type="button"
        className="btn btn--secondary btn--small"
        onClick={() => onChange([...rows, newSegmentRow()])}
        disabled={rows.length >= SEGMENTS_MAX}
      >
        {t.participants.addSegment}
      </button>
      {message ? <p className="field__error">{message}</p> : null}
    </fieldset>
  )
}

/** A participant's segment attributes as small `key: value` chips. */
export function SegmentChips({ segments }: { segments: Segments }) {
  const { t } = useParticipantsI18n()
  const entries = sortedEntries(segments)
  if (entries.length === 0) return null
  return (
    <ul className="segment-chips" aria-label={t.participants.segments}>
      {entries.map(([key, value]) => (
        <li key={key} className="segment-chip">
          <span className="segment-chip__key">{key}:</span> {value}
        </li>
      ))}
    </ul>
  )
}
