import type { Me, Role } from '@klantreis/shared/auth'
import { CODING_VIEWS, routeHref, type CodingView } from '../../../lib/routes'
import { useCodingI18n } from '../i18n'
import { canEditStudies } from '../../../lib/roles'
import { StudyFrame } from '../../../components/layouts/study-frame'
import { AgreementView } from './agreement-view'
import { CodebookView } from './codebook-view'
import { Workbench } from './workbench'
import '../coding.css'

type Props = { studyId: string; view: CodingView; role: Role; me: Me }

/** The Coding tab: the workbench (keyboard first), the codebook, and the agreement of double coding. */
export function CodingPage({ studyId, view, role, me }: Props) {
  const { t } = useCodingI18n()
  const canEdit = canEditStudies(role)
  return (
    <StudyFrame studyId={studyId} tab="coding" canEdit={canEdit}>
      {() => (
        <>
          <div>
            <h2>{t.coding.heading}</h2>
            <p className="muted section-intro">{t.coding.intro}</p>
          </div>
          <nav aria-label={t.coding.viewsLabel} className="subnav">
            <ul>
              {CODING_VIEWS.map((v) => (
                <li key={v}>
                  <a
                    href={routeHref({ name: 'study-coding', studyId, view: v })}
                    className="subnav__tab"
                    aria-current={v === view ? 'page' : undefined}
                  >
                    {t.coding.views[v]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          {view === 'workbench' ? <Workbench studyId={studyId} canEdit={canEdit} me={me} /> : null}
          {view === 'codebook' ? <CodebookView studyId={studyId} canEdit={canEdit} /> : null}
          {view === 'agreement' ? <AgreementView studyId={studyId} canEdit={canEdit} me={me} /> : null}
        </>
      )}
    </StudyFrame>
  )
}
