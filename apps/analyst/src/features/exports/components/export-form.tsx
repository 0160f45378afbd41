import type { Role } from '@klantreis/shared/auth'
import {
  CSV_SEPARATORS,
  DECIMAL_MARKS,
  EXPORT_DATASETS,
  EXPORT_FORMATS,
  type CreateExportBody,
  type CsvSeparator,
  type DecimalMark,
  type ExportDataset,
  type ExportFormat,
} from '@klantreis/shared/exports'
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { SelectField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { hasRole } from '../../../lib/roles'
import { useJourneyModel } from '../../journey-model'
import { useParticipantOptions } from '../../participants'
import { useSurveys } from '../../surveys'
import { useStartExport } from '../api/exports'
import { useExportsI18n } from '../i18n'

type Dialect = 'nl' | 'en' | 'custom'
const DIALECTS: readonly Dialect[] = ['nl', 'en', 'custom']
const dialectMarks = { nl: { separator: ';', decimal: ',' }, en: { separator: ',', decimal: '.' } } as const
/** Only CSV files (and the CSV of SPSS) have a separator and a decimal mark. */
const hasDialect = (f: ExportFormat) => f === 'csv' || f === 'spss'

/** The API's fields this form shows an error at; any other error shows as an alert above the button. */
const FIELDS = ['datasets', 'format', 'separator', 'decimal', 'filters', 'includePhotos', 'includeContactDetails']

/**
 * The export form: what, in which format and CSV dialect, with the dashboard's filters. Names and
 * addresses are offered only to the roles the API gives contact details (researcher and up).
 */
export function ExportForm({ studyId, role }: { studyId: string; role: Role }) {
  const { t, lang } = useExportsI18n()
  const id = useId()
  const start = useStartExport(studyId)
  const [datasets, setDatasets] = useState<ExportDataset[]>(['responses-wide'])
  const [format, setFormat] = useState<ExportFormat>('csv')
  // a Dutch screen most likely means a Dutch Excel
  const [dialect, setDialect] = useState<Dialect>(lang === 'nl' ? 'nl' : 'en')
  const [separator, setSeparator] = useState<CsvSeparator>(',')
  const [decimal, setDecimal] = useState<DecimalMark>('.')
  const [filters, setFilters] = useState({ personaId: '', segment: '', from: '', to: '', surveyId: '' })
  const [includeInProgress, setIncludeInProgress] = useState(false)
  const [includePhotos, setIncludePhotos] = useState(false)
  const [includeContactDetails, setIncludeContactDetails] = useState(false)
  const [localError, setLocalError] = useState<{ datasets?: string; decimal?: string }>({})

  const seesContactDetails = hasRole(role, 'researcher')
  const personas = useJourneyModel(studyId).data?.personas ?? []
  const surveys = (useSurveys(studyId).data?.pages.flatMap((p) => p.items) ?? []).filter(
    (s) => s.currentVersion !== null,
  )
  const participants = useParticipantOptions(studyId).data?.items
  // the segments the study's participants carry (the first page of them), as the dashboard offers them
  const segments = useMemo(() => {
    const all = new Set<string>()
    for (const p of participants ?? []) for (const [k, v] of Object.entries(p.segments)) all.add(`${k}:${v}`)
    return [...all].sort((a, b) => a.localeCompare(b))
  }, [participants])
  const diary = datasets.includes('diary')

  const marks =
    dialect === 'custom'
      ? { separator, decimal }
      : (dialectMarks[dialect] as { separator: CsvSeparator; decimal: DecimalMark })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    start.reset()
    const local: typeof localError = {}
    if (datasets.length === 0) local.datasets = t.exports.chooseDataset
    if (hasDialect(format) && marks.separator === ',' && marks.decimal === ',')
      local.decimal = t.exports.decimalCommaNeedsSeparator
    setLocalError(local)
    if (local.datasets || local.decimal) return
    const chosen: NonNullable<CreateExportBody['filters']> = {
      personaId: filters.personaId || undefined,
      segment: filters.segment || undefined,
      from: filters.from || undefined,
      to: filters.to || undefined,
      surveyId: filters.surveyId || undefined,
    }
    const body: CreateExportBody = {
      datasets,
      format,
      ...(hasDialect(format) ? marks : {}),
      filters: Object.fromEntries(Object.entries(chosen).filter(([, v]) => v !== undefined)),
      includeInProgress,
      includePhotos: diary && includePhotos,
      includeContactDetails: seesContactDetails && includeContactDetails,
    }
    start.mutate(body)
  }

  const err = (field: string) => fieldError(start.error, field)
  const placed = FIELDS.some((f) => err(f))
  const set = (patch: Partial<typeof filters>) => setFilters((f) => ({ ...f, ...patch }))

  return (
    <section className="panel stack" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t.exports.formHeading}</h3>
      <form className="stack export-form" onSubmit={submit} noValidate>
        <Fieldset
          legend={t.exports.datasets}
          hint={t.exports.datasetsHint}
          error={localError.datasets ?? err('datasets')}
        >
          <div className="export-choices">
            {EXPORT_DATASETS.map((d) => (
              <Choice
                key={d}
                type="checkbox"
                label={t.exports.datasetNames[d]}
                hint={t.exports.datasetHints[d]}
                checked={datasets.includes(d)}
                onChange={(on) => {
                  setLocalError((l) => ({ ...l, datasets: undefined }))
                  setDatasets(EXPORT_DATASETS.filter((x) => (x === d ? on : datasets.includes(x))))
                }}
              />
            ))}
          </div>
        </Fieldset>

        <Fieldset legend={t.exports.format} error={err('format')}>
          <div className="export-choices export-choices--formats">
            {EXPORT_FORMATS.map((f) => (
              <Choice
                key={f}
                type="radio"
                name={`${id}-format`}
                label={t.exports.formatNames[f]}
                hint={t.exports.formatHints[f]}
                checked={format === f}
                onChange={() => setFormat(f)}
              />
            ))}
          </div>
        </Fieldset>

        {hasDialect(format) ? (
          <Fieldset legend={t.exports.dialect} hint={t.exports.dialectHint}>
            <div className="export-choices export-choices--compact">
              {DIALECTS.map((d) => (
                <Choice
                  key={d}
                  type="radio"
                  name={`${id}-dialect`}
                  label={t.exports.dialects[d]}
                  checked={dialect === d}
                  onChange={() => {
                    setLocalError((l) => ({ ...l, decimal: undefined }))
                    setDialect(d)
                  }}
                />
              ))}
            </div>
            {dialect === 'custom' ? (
              <div className="export-dialect">
                <SelectField
                  label={t.exports.separator}
                  value={separator}
                  options={CSV_SEPARATORS.map((s) => ({ value: s, label: t.exports.separatorNames[s] }))}
                  onChange={(v) => {
                    setLocalError((l) => ({ ...l, decimal: undefined }))
                    setSeparator(v)
                  }}
                  error={err('separator')}
                />
                <SelectField
                  label={t.exports.decimal}
                  value={decimal}
                  options={DECIMAL_MARKS.map((m) => ({ value: m, label: t.exports.decimalNames[m] }))}
                  onChange={(v) => {
                    setLocalError((l) => ({ ...l, decimal: undefined }))
                    setDecimal(v)
                  }}
                  error={localError.decimal ?? err('decimal')}
                />
              </div>
            ) : localError.decimal || err('decimal') ? (
              <p className="field__error">{localError.decimal ?? err('decimal')}</p>
            ) : null}
          </Fieldset>
        ) : null}

        <Fieldset legend={t.exports.filters} hint={t.exports.filtersHint} error={err('filters')}>
          <div className="export-filters">
            <SelectField
              label={t.exports.persona}
              value={filters.personaId}
              options={[
                { value: '', label: t.exports.allPersonas },
                ...personas.map((p) => ({ value: p.id, label: p.name })),
              ]}
              onChange={(v) => set({ personaId: v })}
            />
            <SelectField
              label={t.exports.segment}
              value={filters.segment}
              options={[
                { value: '', label: t.exports.allSegments },
                ...segments.map((s) => ({ value: s, label: s.replace(':', ': ') })),
              ]}
              onChange={(v) => set({ segment: v })}
            />
            <DateInput
              label={t.exports.from}
              value={filters.from}
              max={filters.to}
              onChange={(v) => set({ from: v })}
            />
            <DateInput label={t.exports.to} value={filters.to} min={filters.from} onChange={(v) => set({ to: v })} />
            <SelectField
              label={t.exports.wave}
              value={filters.surveyId}
              options={[
                { value: '', label: t.exports.allWaves },
                ...surveys.map((s) => ({ value: s.id, label: s.title })),
              ]}
              onChange={(v) => set({ surveyId: v })}
            />
          </div>
        </Fieldset>

        <Fieldset legend={t.exports.options}>
          <div className="export-choices">
            <Choice
              type="checkbox"
              label={t.exports.includeInProgress}
              hint={t.exports.includeInProgressHint}
              checked={includeInProgress}
              onChange={setIncludeInProgress}
            />
            {diary ? (
              <Choice
                type="checkbox"
                label={t.exports.includePhotos}
                hint={t.exports.includePhotosHint}
                checked={includePhotos}
                onChange={setIncludePhotos}
                error={err('includePhotos')}
              />
            ) : null}
            {seesContactDetails ? (
              <Choice
                type="checkbox"
                label={t.exports.includeContactDetails}
                hint={t.exports.includeContactDetailsHint}
                checked={includeContactDetails}
                onChange={setIncludeContactDetails}
                error={err('includeContactDetails')}
              />
            ) : null}
          </div>
        </Fieldset>

        {!placed ? <ErrorAlert error={start.error} /> : null}
        <div className="form-actions form-actions--start">
          <button type="submit" className="btn btn--primary" disabled={start.isPending}>
            {start.isPending ? t.exports.starting : t.exports.start}
          </button>
        </div>
      </form>
    </section>
  )
}

function Fieldset({
  legend,
  hint,
  error,
  children,
}: {
  legend: string
  hint?: string
  error?: string
  children: ReactNode
}) {
  const id = useId()
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <fieldset className={`fieldset${error ? ' field--invalid' : ''}`} aria-describedby={describedBy}>
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}

/** A checkbox or radio button with its one-line explanation tied to it. */
function Choice({
  type,
  name,
  label,
  hint,
  checked,
  onChange,
  error,
}: {
  type: 'checkbox' | 'radio'
  name?: string
  label: string
  hint?: string
  checked: boolean
  onChange: (checked: boolean) => void
  error?: string
}) {
  const id = useId()
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className={`export-choice${checked ? ' export-choice--on' : ''}`}>
      <input
        id={id}
        type={type}
        name={name}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      />
      <div>
        <label htmlFor={id} className="export-choice__label">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="field__hint">
            {hint}
          </p>
        ) : null}
        {error ? (
          <p id={`${id}-error`} className="field__error">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  )
}

function DateInput({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string
  value: string
  min?: string
  max?: string
  onChange: (value: string) => void
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <input
        id={id}
        type="date"
        className="input"
        value={value}
        min={min || undefined}
        max={max || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  )
}
