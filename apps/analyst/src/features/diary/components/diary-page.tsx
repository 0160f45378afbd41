import type { Role } from '@klantreis/shared/auth'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { useDiaryI18n } from '../i18n'
import { canEditStudies } from '../../../lib/roles'
import { StudyFrame } from '../../../components/layouts/study-frame'
import { useDiary } from '../api/diary'
import { DiaryForm } from './diary-form'
import '../diary.css'

export function DiaryPage({ studyId, role }: { studyId: string; role: Role }) {
  const { t } = useDiaryI18n()
  const canEdit = canEditStudies(role)
  const diary = useDiary(studyId)
  return (
    <StudyFrame studyId={studyId} tab="diary" canEdit={canEdit}>
      {(study) => (
        <>
          <div>
            <h2>{t.diary.heading}</h2>
            <p className="muted section-intro">{t.diary.intro}</p>
          </div>
          {diary.isPending ? <Loading /> : null}
          {diary.isError ? (
            <ErrorAlert error={diary.error}>
              <button type="button" className="btn btn--secondary" onClick={() => void diary.refetch()}>
                {t.common.retry}
              </button>
            </ErrorAlert>
          ) : null}
          {diary.isSuccess && diary.data === null ? <Notice>{t.diary.none}</Notice> : null}
          {diary.isSuccess ? (
            <DiaryForm studyId={studyId} diary={diary.data} defaultTitle={study.title} canEdit={canEdit} />
          ) : null}
        </>
      )}
    </StudyFrame>
  )
}
