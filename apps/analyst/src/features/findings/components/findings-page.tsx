import type { Role } from '@klantreis/shared/auth'
import type { Finding } from '@klantreis/shared/findings'
import { useMemo, useState } from 'react'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { useFindingsI18n } from '../i18n'
import { canEditStudies } from '../../../lib/roles'
import { useJourneyModel } from '../../journey-model'
import { StudyFrame } from '../../../components/layouts/study-frame'
import { type Adjustment, useDeleteFinding, useFindings, useSurveyQuestions, useVerification } from '../api/findings'
import { FindingDialog } from './finding-dialog'
import { FindingsTable, VERDICT_ORDER } from './findings-table'
import '../findings.css'

export function FindingsPage({ studyId, role }: { studyId: string; role: Role }) {
  const { t, lang } = useFindingsI18n()
  const canEdit = canEditStudies(role)
  const [adjustment, setAdjustment] = useState<Adjustment>('bh')
  const findings = useFindings(studyId)
  const verification = useVerification(studyId, adjustment)
  const model = useJourneyModel(studyId)
  const questions = useSurveyQuestions(studyId, lang)
  const [filter, setFilter] = useState<string>('')
  const [sort, setSort] = useState<'journey' | 'verdict'>('journey')
  const [editing, setEditing] = useState<Finding | 'new' | null>(null)
  const remove = useDeleteFinding(studyId)

  const verdictOf = useMemo(
    () => new Map((verification.data?.items ?? []).map((v) => [v.findingId, v])),
    [verification.data],
  )

  return (
    <StudyFrame studyId={studyId} tab="findings" canEdit={canEdit}>
      {() => (
        <>
          <div className="page-header">
            <div>
              <h2>{t.findings.heading}</h2>
              <p className="muted section-intro">{t.findings.intro}</p>
            </div>
            {canEdit ? (
              <button type="button" className="btn btn--primary" onClick={() => setEditing('new')}>
                {t.findings.add}
              </button>
            ) : null}
          </div>
          <div className="filters__grid" style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
            <label className="inline-field">
              <span className="inline-field__label">{t.findings.filterVerdict}</span>{' '}
              <select
                className="input input--select input--compact"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              >
                <option value="">{t.findings.allVerdicts}</option>
                {VERDICT_ORDER.map((v) => (
                  <option key={v} value={v}>
                    {t.verdicts[v]}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field">
              <span className="inline-field__label">{t.findings.sortBy}</span>{' '}
              <select
                className="input input--select input--compact"
                value={sort}
                onChange={(e) => setSort(e.target.value as 'journey' | 'verdict')}
              >
                <option value="journey">{t.findings.sortJourney}</option>
                <option value="verdict">{t.findings.sortVerdict}</option>
              </select>
            </label>
            <label className="inline-field">
              <span className="inline-field__label">{t.findings.adjustment}</span>{' '}
              <select
                className="input input--select input--compact"
                value={adjustment}
                onChange={(e) => setAdjustment(e.target.value as Adjustment)}
              >
                <option value="bh">{t.findings.adjustments.bh}</option>
                <option value="holm">{t.findings.adjustments.holm}</option>
              </select>
            </label>
          </div>
          {findings.isPending || model.isPending ? <Loading /> : null}
          {findings.isError ? <ErrorAlert error={findings.error} /> : null}
          {verification.isError ? <ErrorAlert error={verification.error} /> : null}
          {findings.isSuccess && findings.data.items.length === 0 ? <Notice>{t.findings.none}</Notice> : null}
          {findings.isSuccess && model.isSuccess && findings.data.items.length > 0 ? (
            <FindingsTable
              studyId={studyId}
              findings={findings.data.items}
              verdictOf={verdictOf}
              model={model.data}
              questions={questions.data ?? []}
              filter={filter}
              sort={sort}
              canEdit={canEdit}
              onEdit={setEditing}
              onDelete={(f) => {
                if (window.confirm(t.findings.deleteConfirm(f.statement))) remove.mutate(f.id)
              }}
            />
          ) : null}
          {canEdit && editing !== null && model.isSuccess ? (
            <FindingDialog
              studyId={studyId}
              finding={editing === 'new' ? null : editing}
              model={model.data}
              onClose={() => setEditing(null)}
            />
          ) : null}
        </>
      )}
    </StudyFrame>
  )
}
