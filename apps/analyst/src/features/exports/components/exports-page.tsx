import type { Role } from '@klantreis/shared/auth'
import { StudyFrame } from '../../../components/layouts/study-frame'
import { useExportsI18n } from '../i18n'
import { ExportForm } from './export-form'
import { ExportsList } from './exports-list'
import '../exports.css'

/** The study's Export tab: start an export, follow it, download the file. */
export function ExportsPage({ studyId, role }: { studyId: string; role: Role }) {
  const { t } = useExportsI18n()
  // every role may export (viewers pseudonymised data only), so nothing here is read-only
  return (
    <StudyFrame studyId={studyId} tab="exports" canEdit>
      {() => (
        <>
          <div>
            <h2>{t.exports.heading}</h2>
            <p className="muted section-intro">{t.exports.intro}</p>
          </div>
          <ExportForm studyId={studyId} role={role} />
          <ExportsList studyId={studyId} />
        </>
      )}
    </StudyFrame>
  )
}
