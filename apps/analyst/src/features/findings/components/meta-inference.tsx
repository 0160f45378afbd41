import type { Finding } from '@klantreis/shared/findings'
import { useEffect, useState } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { useFindingsI18n } from '../i18n'
import { useSaveFinding } from '../api/findings'

/** The finding's meta-inference: a warning when the strands disagree and none is written, and its editor. */
export function MetaInference({
  studyId,
  finding,
  fit,
  canEdit,
}: {
  studyId: string
  finding: Finding
  fit: string | undefined
  canEdit: boolean
}) {
  const { t } = useFindingsI18n()
  const save = useSaveFinding(studyId)
  const [text, setText] = useState(finding.metaInference)
  useEffect(() => setText(finding.metaInference), [finding.metaInference])
  const needed = (fit === 'discordance' || fit === 'expansion') && !finding.metaInference.trim()
  return (
    <div>
      {needed ? (
        <p className="meta-warning" role="note">
          ⚠ {t.findings.metaRequired}
        </p>
      ) : null}
      {canEdit ? (
        <>
          <textarea
            className="input input--multiline"
            rows={3}
            aria-label={t.findings.metaLabel(finding.statement)}
            placeholder={t.findings.metaPlaceholder}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {text !== finding.metaInference ? (
            <button
              type="button"
              className="btn btn--small btn--secondary"
              disabled={save.isPending}
              onClick={() =>
                save.mutate({ findingId: finding.id, body: { metaInference: text }, baseVersion: finding.version })
              }
            >
              {t.findings.metaSave}
            </button>
          ) : null}
          {save.error ? <ErrorAlert error={save.error} /> : null}
        </>
      ) : (
        <p>{finding.metaInference}</p>
      )}
    </div>
  )
}
