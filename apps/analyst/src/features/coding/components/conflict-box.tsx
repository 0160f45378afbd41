import type { Code, Coding, PutCodingBody } from '@klantreis/shared/coding'
import { useCodingI18n } from '../i18n'

export type Conflict = { body: PutCodingBody; codingId: string; current: Coding | null }

/** A save refused because someone else changed the coding meanwhile: retry on theirs, keep theirs, or save as new. */
export function ConflictBox({
  conflict,
  tpName,
  codeById,
  onRetry,
  onKeepTheirs,
  onSaveAsNew,
}: {
  conflict: Conflict
  tpName: (id: string | null) => string | null
  codeById: Map<string, Code>
  onRetry: (current: Coding) => void
  onKeepTheirs: (current: Coding) => void
  onSaveAsNew: () => void
}) {
  const { t } = useCodingI18n()
  const c = conflict.current
  return (
    <div className="alert alert--error stack stack--sm" role="alert">
      <p>
        <strong>{t.coding.conflictTitle}</strong>
      </p>
      {c ? (
        <>
          <p>{t.coding.conflictIntro}</p>
          <blockquote className="coding-quote">“{c.quote}”</blockquote>
          <p>
            {[
              tpName(c.touchpointId),
              c.valence ? t.coding.valences[c.valence] : null,
              ...c.codeIds.map((id) => codeById.get(id)?.name ?? '?'),
              c.coder ? t.coding.by(c.coder.name) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
          <div className="form-actions form-actions--start">
            <button type="button" className="btn btn--primary btn--small" onClick={() => onRetry(c)}>
              {t.coding.retryOnCurrent}
            </button>
            <button type="button" className="btn btn--secondary btn--small" onClick={() => onKeepTheirs(c)}>
              {t.coding.keepTheirs}
            </button>
          </div>
        </>
      ) : (
        <>
          <p>{t.coding.conflictGone}</p>
          <button type="button" className="btn btn--secondary btn--small" onClick={onSaveAsNew}>
            {t.coding.saveAsNew}
          </button>
        </>
      )}
    </div>
  )
}
