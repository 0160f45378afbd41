import type { Stage } from '@klantreis/shared/journey'
import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { Dialog } from '../../../components/ui/dialog'
import { TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useJourneyModelI18n } from '../i18n'
import { useSaveStage } from '../api/stages'

type Props = { studyId: string; open: boolean; stage: Stage | null; onClose: () => void }

export function StageDialog({ studyId, open, stage, onClose }: Props) {
  const { t } = useJourneyModelI18n()
  return (
    <Dialog open={open} title={stage ? t.model.editStageTitle : t.model.newStageTitle} onClose={onClose} size="small">
      <StageForm key={stage?.id ?? 'new'} studyId={studyId} stage={stage} onDone={onClose} />
    </Dialog>
  )
}

function StageForm({ studyId, stage, onDone }: { studyId: string; stage: Stage | null; onDone: () => void }) {
  const { t } = useJourneyModelI18n()
  const save = useSaveStage(studyId)
  const [name, setName] = useState(stage?.name ?? '')
  const [description, setDescription] = useState(stage?.description ?? '')

  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate(
      { stageId: stage?.id ?? null, body: { name: name.trim(), description: description.trim() } },
      { onSuccess: onDone },
    )
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      <ErrorAlert error={save.error} />
      <TextField
        label={t.model.stageName}
        value={name}
        onChange={setName}
        error={fieldError(save.error, 'name')}
        maxLength={200}
        required
        autoFocus
      />
      <TextField
        label={t.model.stageDescription}
        value={description}
        onChange={setDescription}
        error={fieldError(save.error, 'description')}
        optionalLabel={t.common.optional}
        multiline
        rows={3}
      />
      <div className="form-actions">
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          {t.common.cancel}
        </button>
        <button type="submit" className="btn btn--primary" disabled={save.isPending}>
          {save.isPending ? t.common.saving : t.common.save}
        </button>
      </div>
    </form>
  )
}
