import type { Finding } from '@klantreis/shared/findings'
import { useState } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { useFindingsI18n } from '../i18n'
import { type useAddFindingQuestion, useFindingSurveys } from '../api/findings'

/**
 * "Add a question for this finding": a CSAT question about the finding's touchpoint in a survey's
 * draft. With one open survey and one touchpoint it is one click; otherwise the analyst picks.
 */
export function AddQuestion({
  studyId,
  finding,
  tpName,
  add,
  onAdded,
}: {
  studyId: string
  finding: Finding
  tpName: Map<string, string>
  add: ReturnType<typeof useAddFindingQuestion>
  onAdded: (message: string) => void
}) {
  const { t } = useFindingsI18n()
  const surveys = useFindingSurveys(studyId)
  const [picking, setPicking] = useState(false)
  const open = (surveys.data ?? []).filter((s) => s.status !== 'closed')
  const [surveyId, setSurveyId] = useState('')
  const [touchpointId, setTouchpointId] = useState('')
  const chosenSurvey = surveyId || open[0]?.id || ''
  const chosenTouchpoint = touchpointId || finding.touchpointIds[0] || ''
  const submit = () =>
    add.mutate(
      {
        findingId: finding.id,
        surveyId: chosenSurvey,
        touchpointId: finding.touchpointIds.length > 1 ? chosenTouchpoint : undefined,
      },
      {
        onSuccess: (r) => {
          const survey = open.find((s) => s.id === r.surveyId)?.title ?? ''
          const tp =
            tpName.get(r.finding.operationalizations.find((o) => o.questionId === r.questionId)?.touchpointId ?? '') ??
            ''
          onAdded(r.questionCreated ? t.findings.addQuestionDone(tp, survey) : t.findings.addQuestionLinked(tp, survey))
        },
      },
    )
  if (surveys.isSuccess && open.length === 0) return <p className="muted">{t.findings.addQuestionNoSurvey}</p>
  const needsChoice = open.length > 1 || finding.touchpointIds.length > 1
  return (
    <div className="add-question">
      {picking && needsChoice ? (
        <fieldset className="add-question__form">
          <legend>{t.findings.addQuestion}</legend>
          {open.length > 1 ? (
            <label className="inline-field">
              <span className="inline-field__label">{t.findings.addQuestionSurvey}</span>{' '}
              <select
                className="input input--select input--compact"
                value={chosenSurvey}
                onChange={(e) => setSurveyId(e.target.value)}
              >
                {open.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {finding.touchpointIds.length > 1 ? (
            <label className="inline-field">
              <span className="inline-field__label">{t.findings.colTouchpoint}</span>{' '}
              <select
                className="input input--select input--compact"
                value={chosenTouchpoint}
                onChange={(e) => setTouchpointId(e.target.value)}
              >
                {finding.touchpointIds.map((id) => (
                  <option key={id} value={id}>
                    {tpName.get(id) ?? id}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <p className="muted">{t.findings.addQuestionHint}</p>
          <button type="button" className="btn btn--small btn--primary" disabled={add.isPending} onClick={submit}>
            {t.findings.addQuestionConfirm}
          </button>{' '}
          <button type="button" className="btn btn--small btn--ghost" onClick={() => setPicking(false)}>
            {t.common.cancel}
          </button>
        </fieldset>
      ) : (
        <button
          type="button"
          className="btn btn--small btn--secondary"
          title={t.findings.addQuestionHint}
          aria-label={t.findings.addQuestionNamed(finding.statement)}
          disabled={add.isPending || !surveys.isSuccess}
          onClick={() => (needsChoice ? setPicking(true) : submit())}
        >
          {t.findings.addQuestion}
        </button>
      )}
      {add.error ? <ErrorAlert error={add.error} /> : null}
    </div>
  )
}
