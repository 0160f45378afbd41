import type { CreateExportBody, ExportJob, ExportSpec } from '@klantreis/shared/exports'
import { useMemo } from 'react'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { exportDownloadHref, isExportRunning, useDeleteExport, useExports, useStartExport } from '../api/exports'
import { useExportsI18n } from '../i18n'

/** The caller's exports of this study, newest first: progress while they run, then the file. */
export function ExportsList({ studyId }: { studyId: string }) {
  const { t } = useExportsI18n()
  const exports = useExports(studyId)
  return (
    <section className="stack" aria-labelledby="exports-list-heading">
      <h3 id="exports-list-heading">{t.exports.listHeading}</h3>
      {exports.isPending ? <Loading /> : null}
      {exports.isError ? <ErrorAlert error={exports.error} /> : null}
      {exports.data && exports.data.items.length === 0 ? <p className="empty">{t.exports.listEmpty}</p> : null}
      {exports.data && exports.data.items.length > 0 ? (
        <ul className="export-list">
          {exports.data.items.map((job) => (
            <ExportItem key={job.id} studyId={studyId} job={job} />
          ))}
        </ul>
      ) : null}
    </section>
  )
}

function ExportItem({ studyId, job }: { studyId: string; job: ExportJob }) {
  const { t, lang, formatDateTime } = useExportsI18n()
  const again = useStartExport(studyId)
  const remove = useDeleteExport(studyId)
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB'
  const numbers = useMemo(() => new Intl.NumberFormat(locale), [locale])
  const what = job.spec.datasets.map((d) => t.exports.datasetNames[d]).join(', ')
  const { spec } = job
  const filtered = Object.values(spec.filters).some((v) => v !== undefined && v !== '')
  const dialect =
    spec.format === 'csv' || spec.format === 'spss'
      ? spec.separator === ';' && spec.decimal === ','
        ? t.exports.dialects.nl
        : spec.separator === ',' && spec.decimal === '.'
          ? t.exports.dialects.en
          : `${t.exports.separatorNames[spec.separator]}, ${t.exports.decimalNames[spec.decimal]}`
      : null
  const when = formatDateTime(job.createdAt)
  // two exports of the same data differ by when they were started: a screen reader's button list says so
  const named = `${what} (${when})`

  return (
    <li className="panel export-item" data-export={job.id} data-status={job.status}>
      <div className="export-item__head">
        <div className="export-item__what">
          <h4 className="export-item__title">{what}</h4>
          <p className="muted export-item__meta">
            {[
              t.exports.formatNames[spec.format],
              dialect,
              filtered ? t.exports.filtered : null,
              spec.includeContactDetails ? t.exports.withContactDetails : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
          <p className="muted export-item__meta">
            {job.requestedBy ? t.exports.startedBy(job.requestedBy, when) : t.exports.started(when)}
          </p>
        </div>
        <span role="status" className={`badge badge--export-${job.status}`}>
          {t.exports.statuses[job.status]}
        </span>
      </div>

      {isExportRunning(job) ? <Progress job={job} what={named} numbers={numbers} locale={locale} /> : null}

      {job.status === 'done' ? (
        <div className="export-item__file">
          <a
            className="btn btn--primary btn--small"
            href={exportDownloadHref(studyId, job.id)}
            download={job.fileName ?? ''}
            aria-label={t.exports.downloadLabel(job.fileName ?? what)}
          >
            {t.exports.download}
          </a>
          <span className="export-item__name">{job.fileName}</span>
          {job.fileBytes !== null ? <span className="muted">{fileSize(job.fileBytes, locale)}</span> : null}
          {job.expiresAt ? (
            <span className="muted">{t.exports.availableUntil(formatDateTime(job.expiresAt))}</span>
          ) : null}
        </div>
      ) : null}

      {job.status === 'failed' || job.status === 'expired' ? (
        <p className={job.status === 'failed' ? 'export-item__failure' : 'muted'}>
          {job.status === 'failed' ? t.exports.failures[job.failure ?? 'internal'] : t.exports.expiredText}
        </p>
      ) : null}

      <ErrorAlert error={again.error ?? remove.error} />
      <div className="export-item__actions">
        {job.status === 'failed' || job.status === 'expired' ? (
          <button
            type="button"
            className="btn btn--secondary btn--small"
            aria-label={t.exports.againLabel(named)}
            disabled={again.isPending}
            onClick={() => again.mutate(asBody(spec))}
          >
            {t.exports.again}
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn--danger-quiet btn--small"
          aria-label={t.exports.deleteLabel(named)}
          disabled={remove.isPending}
          onClick={() => remove.mutate(job.id)}
        >
          {t.exports.delete}
        </button>
      </div>
    </li>
  )
}

/** A real <progress>: its value is the rows written, its max the rows to write; indeterminate until counted. */
function Progress({
  job,
  what,
  numbers,
  locale,
}: {
  job: ExportJob
  what: string
  numbers: Intl.NumberFormat
  locale: string
}) {
  const { t } = useExportsI18n()
  const counted = job.status === 'running' && job.rowsTotal > 0
  // floored, so a running export never reads 100 %
  const share = counted ? Math.floor((Math.min(job.rowsDone, job.rowsTotal) / job.rowsTotal) * 100) / 100 : 0
  return (
    <div className="export-progress">
      <div className="export-progress__bar">
        <progress
          className="progress"
          aria-label={t.exports.progressLabel(what)}
          max={counted ? job.rowsTotal : undefined}
          value={counted ? Math.min(job.rowsDone, job.rowsTotal) : undefined}
        />
        {counted ? (
          <span className="export-progress__pct">
            {new Intl.NumberFormat(locale, { style: 'percent' }).format(share)}
          </span>
        ) : null}
      </div>
      <p className="muted export-progress__rows">
        {counted
          ? t.exports.rows(numbers.format(job.rowsDone), numbers.format(job.rowsTotal))
          : job.status === 'queued'
            ? t.exports.waiting
            : t.exports.counting}
      </p>
    </div>
  )
}

function fileSize(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const
  let n = bytes
  let i = 0
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000
    i++
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: units[i],
    // "44 bytes" rather than "44 byte"; "15.6 MB" rather than "15.6 megabytes"
    unitDisplay: i === 0 ? 'long' : 'short',
    maximumFractionDigits: i === 0 ? 0 : 1,
  }).format(n)
}

/** The job's spec as a request again: the segment filter goes back to its `key:value` text. */
function asBody(spec: ExportSpec): CreateExportBody {
  const { segment, ...filters } = spec.filters
  return { ...spec, filters: { ...filters, ...(segment ? { segment: `${segment.key}:${segment.value}` } : {}) } }
}
