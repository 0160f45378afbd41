import { routeHref } from '../../../lib/routes'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { useCodingI18n } from '../i18n'
import { useAgreement, useSampleSources } from '../api/coding'

/** What the API says for "nothing chosen". */
const NONE = '∅'
const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 1000) / 10}%`)
const coef = (n: number | null) => (n === null ? '—' : n.toFixed(2))
/** A colour hint per band (the words carry the meaning; the colour only helps scanning). */
const tone = (band: string | null) =>
  band === null
    ? ''
    : ['almost perfect', 'substantial', 'reliable'].includes(band)
      ? 'good'
      : ['moderate', 'tentative'].includes(band)
        ? 'fair'
        : 'poor'

/** One sample's agreement per variable (%, kappa, alpha and their bands) and the passages the coders disagree on. */
export function AgreementPanel({
  studyId,
  sampleId,
  name,
  coderNames,
}: {
  studyId: string
  sampleId: string
  name: string
  coderNames: string[]
}) {
  const { t } = useCodingI18n()
  const agreement = useAgreement(studyId, sampleId)
  const texts = useSampleSources(studyId, sampleId)
  const band = (b: string | null, words: Record<string, string>) => (b === null ? '—' : (words[b] ?? b))
  /** The API's labels and values are plain words: the fixed ones are said in the UI's language. */
  const label = (variable: string, l: string) =>
    variable === 'touchpoint' || variable === 'valence' ? t.coding.families[variable] : l
  const value = (variable: string, v: string | null) => {
    if (v === null || v === NONE) return t.coding.valueNone
    if (variable === 'valence')
      return v
        .split('+')
        .map((x) => t.coding.valences[x as 'pain'] ?? x)
        .join(' + ')
    if (v === 'present' || v === 'absent') return t.coding.presence[v]
    return v
  }
  const [a, b] = [coderNames[0] ?? 'A', coderNames[1] ?? 'B']

  return (
    <section className="panel stack" aria-labelledby="agreement-heading">
      <h3 id="agreement-heading">{t.coding.agreementOf(name)}</h3>
      {agreement.isPending ? <Loading /> : null}
      {agreement.isError ? <ErrorAlert error={agreement.error} /> : null}
      {agreement.data ? (
        <>
          <p className="muted">{t.coding.units(agreement.data.units)}</p>
          <div className="table-wrap">
            <table className="table agreement-table" aria-label={t.coding.agreementOf(name)}>
              <thead>
                <tr>
                  <th scope="col">{t.coding.colVariable}</th>
                  <th scope="col">{t.coding.colFamily}</th>
                  <th scope="col">{t.coding.colUnits}</th>
                  <th scope="col">{t.coding.colPercent}</th>
                  <th scope="col">{t.coding.colKappa}</th>
                  <th scope="col">{t.coding.colAlpha}</th>
                  <th scope="col">{t.coding.colBand}</th>
                </tr>
              </thead>
              <tbody>
                {agreement.data.rows.length === 0 ? (
                  <tr>
                    <td colSpan={7} className="muted">
                      {t.coding.noRows}
                    </td>
                  </tr>
                ) : null}
                {agreement.data.rows.map((r) => (
                  <tr key={r.variable}>
                    <th scope="row">{label(r.variable, r.label)}</th>
                    <td>{t.coding.families[r.family]}</td>
                    <td>{r.units}</td>
                    <td>{pct(r.percentAgreement)}</td>
                    <td>{coef(r.cohensKappa)}</td>
                    <td>{coef(r.krippendorffAlpha)}</td>
                    <td>
                      {r.kappaBand === null && r.alphaBand === null ? '—' : null}
                      {r.kappaBand !== null ? (
                        <span className={`band band--${tone(r.kappaBand)}`}>
                          κ {band(r.kappaBand, t.coding.kappaBands)}
                        </span>
                      ) : null}{' '}
                      {r.alphaBand !== null ? (
                        <span className={`band band--${tone(r.alphaBand)}`}>
                          α {band(r.alphaBand, t.coding.alphaBands)}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="alert alert--info">{t.coding.paradox}</p>

          <section className="stack stack--sm" aria-labelledby="disagreements-heading">
            <h4 id="disagreements-heading">
              {t.coding.disagreements} <span className="count-badge">{agreement.data.disagreements.length}</span>
            </h4>
            {agreement.data.disagreements.length === 0 ? <p className="muted">{t.coding.noDisagreements}</p> : null}
            <ul className="disagreement-list">
              {agreement.data.disagreements.map((d, i) => (
                <li key={`${d.source}-${d.variable}-${i}`} className="disagreement">
                  <blockquote className="coding-quote">{texts.data?.get(d.source) ?? d.source}</blockquote>
                  <p>
                    <strong>{label(d.variable, d.label)}</strong>: {a}: {value(d.variable, d.a)} · {b}:{' '}
                    {value(d.variable, d.b)}
                  </p>
                  <a
                    className="btn btn--secondary btn--small"
                    href={`${routeHref({ name: 'study-coding', studyId, view: 'workbench' })}?sample=${encodeURIComponent(sampleId)}&source=${encodeURIComponent(d.source)}`}
                  >
                    {t.coding.openInWorkbench}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        </>
      ) : null}
    </section>
  )
}
