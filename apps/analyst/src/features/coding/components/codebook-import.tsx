import { useId, useState } from 'react'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { useCodingI18n } from '../i18n'
import { useImportCodebook } from '../api/coding'

/** Import a codebook from a CSV or JSON file. */
export function ImportPanel({ studyId }: { studyId: string }) {
  const { t } = useCodingI18n()
  const importer = useImportCodebook(studyId)
  const fileId = useId()
  const [parseError, setParseError] = useState<string | null>(null)

  const onFile = async (file: File | undefined) => {
    if (!file) return
    setParseError(null)
    const text = await file.text()
    const csv = file.name.toLowerCase().endsWith('.csv') || file.type === 'text/csv'
    if (!csv) {
      try {
        JSON.parse(text)
      } catch {
        return setParseError(t.coding.notJson)
      }
    }
    importer.mutate({ format: csv ? 'csv' : 'json', text })
  }

  return (
    <section className="panel stack" aria-labelledby="codebook-import-heading">
      <h3 id="codebook-import-heading">{t.coding.importHeading}</h3>
      <div className="field">
        <label htmlFor={fileId} className="field__label">
          {t.coding.importFile}
        </label>
        <input
          id={fileId}
          type="file"
          accept=".json,.csv,application/json,text/csv"
          onChange={(e) => void onFile(e.target.files?.[0])}
          disabled={importer.isPending}
        />
      </div>
      {importer.isPending ? <Loading label={t.coding.importing} /> : null}
      {parseError ? (
        <div className="alert alert--error" role="alert">
          <p>{parseError}</p>
        </div>
      ) : null}
      {importer.isError ? <ErrorAlert error={importer.error} /> : null}
      {importer.data ? (
        <div className="alert alert--success" role="status">
          <p>{t.coding.imported(importer.data.created, importer.data.skipped.length)}</p>
          {importer.data.skipped.length > 0 ? (
            <ul>
              {importer.data.skipped.map((s, i) => (
                <li key={`${s.name}-${i}`}>
                  {s.name}: {s.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
