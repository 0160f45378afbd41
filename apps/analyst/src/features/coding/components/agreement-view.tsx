import type { Me } from '@klantreis/shared/auth'
import { useState } from 'react'
import { routeHref } from '../../../lib/routes'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { useCodingI18n } from '../i18n'
import { useSamples } from '../api/coding'
import { AgreementPanel } from './agreement-panel'
import { NewSample } from './new-sample'

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
                      {/* sources that went with an erased participant: agreement counts the rest (issue 14) */}
                      {s.erasedSources > 0 ? (
                        <span className="table__sub">{t.coding.erasedSources(s.erasedSources)}</span>
                      ) : null}
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
