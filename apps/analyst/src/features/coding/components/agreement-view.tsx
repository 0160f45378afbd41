import type { Me } from '@klantreis/shared/auth'
import { SOURCE_KINDS, type SourceKind } from '@klantreis/shared/coding'
import { useState, type FormEvent } from 'react'
import { routeHref } from '../../../lib/routes'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { CheckboxGroup, SelectField, TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useCodingI18n } from '../i18n'
import { canEditStudies } from '../../../lib/roles'
import { useMembers } from '../../team'
import { useAgreement, useCreateSample, useSampleSources, useSamples } from '../api/coding'

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

export function AgreementView({ studyId, canEdit, me }: { studyId: string; canEdit: boolean; me: Me }) {
  const { t } = useCodingI18n()
  const samples = useSamples(studyId)
  const [openId, setOpenId] = useState<string | null>(null)
  const [created, setCreated] = useState<number | null>(null)
  const items = samples.data?.items ?? []
  const open = items.find((s) => s.id === openId) ?? null

  return (
    <div className="stack">
      <p className="muted">{t.coding.agreementIntro}</p>
      {canEdit ? (
        <NewSample
          studyId={studyId}
          me={me}
          onCreated={(id, size) => {
            setOpenId(id)
            setCreated(size)
          }}
        />
      ) : null}
      {created !== null ? <Notice tone="success">{t.coding.sampleCreated(created)}</Notice> : null}

      <section className="panel stack" aria-labelledby="samples-heading">
        <h3 id="samples-heading">{t.coding.samples}</h3>
        {samples.isPending ? <Loading /> : null}
        {samples.isError ? <ErrorAlert error={samples.error} /> : null}
        {samples.data && items.length === 0 ? <p className="muted">{t.coding.noSamples}</p> : null}
        {items.length > 0 ? (
          <div className="table-wrap">
            <table className="table" aria-label={t.coding.samples}>
              <thead>
                <tr>
                  <th scope="col">{t.coding.colSample}</th>
                  <th scope="col">{t.coding.colSize}</th>
                  <th scope="col">{t.coding.colCoders}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t.coding.colActions}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((s) => (
                  <tr key={s.id} aria-current={s.id === openId ? 'true' : undefined}>
                    <td>{s.name}</td>
                    <td>
                      {s.size} ({Math.round(s.share * 100)}%)
                    </td>
                    <td>
                      <ul className="plain-list">
                        {s.coders.map((c) => (
                          <li key={c.id}>
                            {t.coding.coderProgress(c.name, c.coded, s.size)}{' '}
                            <progress max={Math.max(s.size, 1)} value={c.coded} aria-hidden="true" />
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="btn btn--secondary btn--small"
                        onClick={() => setOpenId(s.id)}
                        aria-pressed={s.id === openId}
                        aria-label={`${t.coding.showAgreement}: ${s.name}`}
                      >
                        {t.coding.showAgreement}
                      </button>
                      {s.coders.some((c) => c.id === me.user.id) ? (
                        <a
                          className="btn btn--ghost btn--small"
                          href={`${routeHref({ name: 'study-coding', studyId, view: 'workbench' })}?sample=${encodeURIComponent(s.id)}`}
                          aria-label={`${t.coding.codeSample}: ${s.name}`}
                        >
                          {t.coding.codeSample}
                        </a>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      {open ? (
        <AgreementPanel
          studyId={studyId}
          sampleId={open.id}
          name={open.name}
          coderNames={open.coders.map((c) => c.name)}
        />
      ) : null}
    </div>
  )
}

function NewSample({
  studyId,
  me,
  onCreated,
}: {
  studyId: string
  me: Me
  onCreated: (id: string, size: number) => void
}) {
  const { t } = useCodingI18n()
  const members = useMembers()
  const create = useCreateSample(studyId)
  const [name, setName] = useState('')
  const [share, setShare] = useState('20')
  const [coderA, setCoderA] = useState(me.user.id)
  const [coderB, setCoderB] = useState('')
  const [kinds, setKinds] = useState<SourceKind[]>([...SOURCE_KINDS])
  const [errors, setErrors] = useState<{ share?: string; coders?: string }>({})
  const researchers = (members.data?.items ?? []).filter((m) => canEditStudies(m.role))
  const options = [
    { value: '', label: t.coding.chooseResearcher },
    ...researchers.map((m) => ({ value: m.userId, label: m.name || m.email })),
  ]

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const n = Number(share)
    const next: typeof errors = {}
    if (!/^\d+$/.test(share.trim()) || n < 1 || n > 100) next.share = t.coding.shareError
    if (!coderA || !coderB || coderA === coderB) next.coders = t.coding.sameCoder
    setErrors(next)
    if (Object.keys(next).length > 0) return
    create.mutate(
      { name: name.trim(), share: n / 100, kinds, coderIds: [coderA, coderB] },
      {
        onSuccess: (s) => {
          setName('')
          onCreated(s.id, s.size)
        },
      },
    )
  }

  return (
    <section className="panel stack" aria-labelledby="new-sample-heading">
      <h3 id="new-sample-heading">{t.coding.newSample}</h3>
      {members.isError ? <ErrorAlert error={members.error} /> : null}
      <form className="stack" onSubmit={submit} noValidate>
        <div className="form-grid">
          <TextField
            label={t.coding.sampleName}
            value={name}
            onChange={setName}
            required
            maxLength={120}
            error={fieldError(create.error, 'name')}
          />
          <TextField
            label={t.coding.share}
            value={share}
            onChange={setShare}
            inputMode="numeric"
            error={errors.share ?? fieldError(create.error, 'share')}
          />
          <SelectField
            label={t.coding.coderA}
            value={coderA}
            options={options}
            onChange={setCoderA}
            error={errors.coders}
          />
          <SelectField
            label={t.coding.coderB}
            value={coderB}
            options={options}
            onChange={setCoderB}
            error={errors.coders}
          />
        </div>
        <CheckboxGroup
          legend={t.coding.sampleKinds}
          options={SOURCE_KINDS.map((k) => ({ value: k, label: t.coding.kinds[k] }))}
          value={kinds}
          onChange={setKinds}
        />
        {create.isError && !fieldError(create.error, 'name') && !fieldError(create.error, 'share') ? (
          <ErrorAlert error={create.error} />
        ) : null}
        <div className="form-actions form-actions--start">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={create.isPending || !name.trim() || kinds.length === 0}
          >
            {create.isPending ? t.common.saving : t.coding.createSample}
          </button>
        </div>
      </form>
    </section>
  )
}

function AgreementPanel({
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
