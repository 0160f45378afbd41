import { SEGMENT_COLUMN_PREFIX, type ParticipantImport } from '@klantreis/shared/participants'
import { useId, useRef, useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { isApiError } from '../../../lib/api-client'
import { useParticipantsI18n } from '../i18n'
import { isImportRunning, useParticipantImport, useStartParticipantImport } from '../api/participant-import'

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
/** A two-line example, with a persona of this study when it has one, and a segment column. */
const example = (persona: string) =>
  `email,name,language,persona,external_ref,${SEGMENT_COLUMN_PREFIX}customerType\nsanne@example.com,Sanne,nl,${csvCell(persona)},CRM-1042,new`

/** File → text → POST as text/csv; then the job is polled for progress and per-row errors. */
export function CsvImport({ studyId, personaName }: { studyId: string; personaName: string | undefined }) {
  const { t } = useParticipantsI18n()
  const fileId = useId()
  const fileRef = useRef<HTMLInputElement>(null)
  const [localError, setLocalError] = useState<string | null>(null)
  const [importId, setImportId] = useState<string | null>(null)
  const start = useStartParticipantImport(studyId)
  const job = useParticipantImport(studyId, importId)
  const running = isImportRunning(job.data)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setLocalError(null)
    start.reset()
    const file = fileRef.current?.files?.[0]
    if (!file) return setLocalError(t.csvImport.noFile)
    let csv: string
    try {
      csv = await file.text()
    } catch {
      return setLocalError(t.csvImport.readFailed)
    }
    if (csv.trim() === '') return setLocalError(t.csvImport.empty)
    start.mutate(csv, {
      onSuccess: (started) => {
        setImportId(started.id)
        if (fileRef.current) fileRef.current.value = ''
      },
    })
  }

  const tooLarge = isApiError(start.error) && start.error.code === 'BODY_TOO_LARGE'
  const fieldMessage = localError ?? (tooLarge ? t.csvImport.tooLarge : null)

  return (
    <section className="panel stack" aria-labelledby="csv-import-heading">
      <div>
        <h2 id="csv-import-heading">{t.csvImport.heading}</h2>
        <p className="muted section-intro">{t.csvImport.intro}</p>
        <p className="muted section-intro">{t.csvImport.segmentColumns}</p>
      </div>
      <div className="csv-example">
        <p className="field__label">{t.csvImport.example}</p>
        <pre className="code-block">{example(personaName ?? 'Price hunter')}</pre>
      </div>
      <form onSubmit={(e) => void submit(e)} noValidate className="stack">
        <div className={`field${fieldMessage ? ' field--invalid' : ''}`}>
          <label htmlFor={fileId} className="field__label">
            {t.csvImport.file}
          </label>
          <input
            id={fileId}
            ref={fileRef}
            type="file"
            accept=".csv,text/csv"
            className="input input--file"
            aria-invalid={fieldMessage ? true : undefined}
            aria-describedby={fieldMessage ? `${fileId}-error` : undefined}
            onChange={() => setLocalError(null)}
            disabled={running}
          />
          {fieldMessage ? (
            <p id={`${fileId}-error`} className="field__error">
              {fieldMessage}
            </p>
          ) : null}
        </div>
        {!tooLarge ? <ErrorAlert error={start.error} /> : null}
        <div className="form-actions form-actions--start">
          <button type="submit" className="btn btn--primary" disabled={start.isPending || running}>
            {start.isPending ? t.csvImport.uploading : t.csvImport.start}
          </button>
        </div>
      </form>
      {job.data ? <ImportResult job={job.data} /> : null}
      {job.isError ? <ErrorAlert error={job.error} /> : null}
    </section>
  )
}

function ImportResult({ job }: { job: ParticipantImport }) {
  const { t } = useParticipantsI18n()
  const progressId = useId()
  const running = isImportRunning(job)
  return (
    <div className="stack import-result">
      {running ? (
        <div className="import-progress">
          <label htmlFor={progressId} className="field__label">
            {t.csvImport.progressLabel}
          </label>
          {/* without a total yet the bar is indeterminate */}
          <progress
            id={progressId}
            className="progress"
            max={job.total || undefined}
            value={job.total ? job.processed : undefined}
          />
          <p className="muted" role="status">
            {job.status === 'queued' || !job.total
              ? t.csvImport.queued
              : t.csvImport.progress(job.processed, job.total)}
          </p>
        </div>
      ) : job.status === 'done' ? (
        <div className="alert alert--success" role="status">
          <p>{t.csvImport.done(job.imported, job.total)}</p>
        </div>
      ) : (
        <div className="alert alert--error" role="alert">
          <p>{t.csvImport.failed}</p>
        </div>
      )}
      {job.errors.length > 0 ? (
        <div className="stack stack--sm">
          <h3>{t.csvImport.errorsHeading}</h3>
          <div className="table-wrap table-wrap--scroll">
            <table className="table table--dense">
              <thead>
                <tr>
                  <th scope="col" className="table__num">
                    {t.csvImport.colRow}
                  </th>
                  <th scope="col">{t.csvImport.colProblem}</th>
                </tr>
              </thead>
              <tbody>
                {job.errors.map((err, i) => (
                  <tr key={`${err.row}-${i}`}>
                    <td className="table__num">{err.row}</td>
                    <td>{err.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </div>
  )
}
