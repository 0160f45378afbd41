import type { Study } from '@klantreis/shared/studies'
import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { Dialog } from '../../../components/ui/dialog'
import { TextField } from '../../../components/ui/field'
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
  const [typed, setTyped] = useState('')
  const confirmed = typed.trim() === study.title.trim()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!confirmed || remove.isPending) return
    remove.mutate(study.id, { onSuccess: onDeleted })
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      <p>{t.studies.deleteIntro}</p>
      <ErrorAlert error={remove.error} />
      <TextField
        label={t.studies.deleteTypeTitle(study.title)}
        autoComplete="off"
        value={typed}
        onChange={setTyped}
        autoFocus
      />
      <div className="form-actions">
        <button type="button" className="btn btn--secondary" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" className="btn btn--danger" disabled={!confirmed || remove.isPending}>
          {remove.isPending ? t.studies.deleting : t.studies.deleteStudy}
        </button>
      </div>
    </form>
  )
}
