import type { Study } from '@klantreis/shared/studies'
import { Dialog } from '../../../components/ui/dialog'
import { TypedConfirmation } from '../../../components/ui/typed-confirmation'
import { useStudiesI18n } from '../i18n'
import { useDeleteStudy } from '../api/save-study'

type Props = { study: Study; open: boolean; onClose: () => void; onDeleted: () => void }

/** Deletes a study with every participant's data (admins and owners), after typing its title. */
export function DeleteStudyDialog({ study, open, onClose, onDeleted }: Props) {
  const { t } = useStudiesI18n()
  return (
    <Dialog open={open} title={t.studies.deleteTitle(study.title)} onClose={onClose}>
      {open ? <DeleteStudyForm key={study.id} study={study} onCancel={onClose} onDeleted={onDeleted} /> : null}
    </Dialog>
  )
}

function DeleteStudyForm({
  study,
  onCancel,
  onDeleted,
}: {
  study: Study
  onCancel: () => void
  onDeleted: () => void
}) {
  const { t } = useStudiesI18n()
  const remove = useDeleteStudy()
  return (
    <TypedConfirmation
      expected={study.title}
      label={t.studies.deleteTypeTitle(study.title)}
      confirmLabel={t.studies.deleteStudy}
      pendingLabel={t.studies.deleting}
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() => remove.mutate(study.id, { onSuccess: onDeleted })}
      onCancel={onCancel}
    >
      <p>{t.studies.deleteIntro}</p>
    </TypedConfirmation>
  )
}
