import { Notice } from '../../../components/ui/alert'
import { routeHref } from '../../../lib/routes'
import { useCodingI18n } from '../i18n'

/** Above the workbench: the coder's progress, the link to the proposed touchpoints, the keys, and the sample or read-only notice. */
export function WorkbenchBar({
  studyId,
  sampleId,
  sampleName,
  canEdit,
  mine,
  pendingProposals,
  keysHintId,
  onHelp,
}: {
  studyId: string
  sampleId: string
  sampleName: string | undefined
  canEdit: boolean
  mine: { coded: number; total: number } | null
  pendingProposals: number
  keysHintId: string
  onHelp: () => void
}) {
  const { t } = useCodingI18n()
  return (
    <>
      <div className="workbench__bar">
        <p className="coding-progress">
          {mine ? (
            <>
              <progress max={Math.max(mine.total, 1)} value={mine.coded} aria-hidden="true" />{' '}
              {t.coding.progress(mine.coded, mine.total)}
            </>
          ) : null}
        </p>
        <a href={routeHref({ name: 'study-entries', studyId })} className="btn btn--secondary btn--small">
          {t.coding.reviewProposals(pendingProposals)}
        </a>
        <button type="button" className="btn btn--ghost btn--small" onClick={onHelp} aria-keyshortcuts="?">
          {t.coding.keys} <kbd>?</kbd>
        </button>
      </div>
      <p id={keysHintId} className="muted workbench__hint">
        {t.coding.keysHint}
      </p>
      {sampleId ? (
        <Notice>
          {t.coding.sampleBanner(sampleName ?? '…')}{' '}
          <a href={routeHref({ name: 'study-coding', studyId, view: 'workbench' })}>{t.coding.leaveSample}</a>
        </Notice>
      ) : null}
      {!canEdit ? <Notice>{t.coding.readOnly}</Notice> : null}
    </>
  )
}
