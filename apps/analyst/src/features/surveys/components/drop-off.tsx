import type { SurveyResults } from '@klantreis/shared/responses'
import { useSurveysI18n } from '../i18n'

export function DropOff({ results, pageTitles }: { results: SurveyResults; pageTitles: Map<string, string> }) {
  const { t } = useSurveysI18n()
  return (
    <section className="panel stack" aria-labelledby="survey-dropoff-heading">
      <h3 id="survey-dropoff-heading">{t.surveys.dropOff}</h3>
      <div className="table-wrap">
        <table className="table table--dense">
          <thead>
            <tr>
              <th scope="col">{t.surveys.colPage}</th>
              <th scope="col" className="table__num">
                {t.surveys.colReached}
              </th>
              <th scope="col" className="table__num">
                {t.surveys.colStopped}
              </th>
            </tr>
          </thead>
          <tbody>
            {results.pages.map((p) => (
              <tr key={p.pageId}>
                <th scope="row">{pageTitles.get(p.pageId) ?? p.pageId}</th>
                <td className="table__num">{p.reached}</td>
                <td className="table__num">{p.stoppedHere}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
