import type { Language } from '@klantreis/shared/common'
import { SurveyVersionSchema, type SurveyDetail } from '@klantreis/shared/surveys'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { SelectField } from '../../../components/ui/field'
import { apiJson } from '../../../lib/api-client'
import { useSurveysI18n } from '../i18n'
import { studyPath } from '../../../lib/api-paths'
import { useSurveyResults } from '../api/surveys'
import { textIn } from './draft-edit'
import { DropOff } from './drop-off'
import { QuestionChart } from './question-chart'
import { ResponseList } from './response-list'

const CHARTED = new Set(['nps', 'csat', 'ces', 'likert', 'rating', 'emotion', 'single_choice', 'multiple_choice'])

export function SurveyResultsView({ studyId, survey }: { studyId: string; survey: SurveyDetail }) {
  const { t, lang: uiLang } = useSurveysI18n()
  const [version, setVersion] = useState<number | null>(survey.currentVersion)
  const results = useSurveyResults(studyId, survey.id, version)
  const definition = useQuery({
    queryKey: ['surveys', studyId, 'version', survey.id, version],
    queryFn: () =>
      apiJson(SurveyVersionSchema, studyPath(studyId, `/surveys/${encodeURIComponent(survey.id)}/versions/${version}`)),
    enabled: version !== null,
  })
  const def = definition.data?.definition
  const lang: Language = def?.languages.includes(uiLang) ? uiLang : (def?.languages[0] ?? uiLang)
  const questions = useMemo(() => new Map((def?.pages ?? []).flatMap((p) => p.questions).map((q) => [q.id, q])), [def])
  const pageTitles = useMemo(
    () => new Map((def?.pages ?? []).map((p, i) => [p.id, `${i + 1}. ${textIn(p.title, lang, p.id)}`])),
    [def, lang],
  )

  if (survey.versions.length === 0 || version === null) return <Notice>{t.surveys.noVersions}</Notice>

  return (
    <div className="stack stack--lg">
      <div className="inline-add">
        <SelectField
          label={t.surveys.resultsVersion}
          value={String(version)}
          options={[...survey.versions]
            .sort((a, b) => b.version - a.version)
            .map((v) => ({ value: String(v.version), label: t.surveys.version(v.version) }))}
          onChange={(v) => setVersion(Number(v))}
        />
      </div>
      {results.isPending ? <Loading /> : null}
      {results.isError ? <ErrorAlert error={results.error} /> : null}
      {results.data ? (
        <>
          <dl className="stat-row" aria-label={t.surveys.resultsHeading}>
            <div className="panel stat">
              <dt>{t.surveys.started}</dt>
              <dd>{results.data.started}</dd>
            </div>
            <div className="panel stat">
              <dt>{t.surveys.completed}</dt>
              <dd>{results.data.completed}</dd>
            </div>
            <div className="panel stat">
              <dt>{t.surveys.completionRate}</dt>
              <dd>
                {results.data.completionRate === null
                  ? t.common.none
                  : `${Math.round(results.data.completionRate * 100)}%`}
              </dd>
            </div>
          </dl>
          <div className="survey-charts">
            {results.data.questions
              .filter((r) => CHARTED.has(r.type))
              .map((r) => (
                <QuestionChart key={r.questionId} result={r} question={questions.get(r.questionId)} lang={lang} />
              ))}
          </div>
          <DropOff results={results.data} pageTitles={pageTitles} />
        </>
      ) : null}
      <ResponseList studyId={studyId} surveyId={survey.id} questions={questions} lang={lang} />
    </div>
  )
}
