import type { Participant } from '@klantreis/shared/participants'
import { useState } from 'react'
import { CopyLink } from '../../../components/ui/copy-link'
import { ErrorAlert } from '../../../components/ui/alert'
import { Dialog } from '../../../components/ui/dialog'
import { SelectField } from '../../../components/ui/field'
import { useParticipantsI18n } from '../i18n'
import { useCreateParticipantLink } from '../api/participants'
import { participantName } from './participants-table'

const VALID_DAYS = ['7', '30', '60', '90', '180'] as const

type Props = { studyId: string; participant: Participant | null; onClose: () => void }

/** Creates a personal link and shows it once; closing the dialog forgets it. */
export function PersonalLinkDialog({ studyId, participant, onClose }: Props) {
  const { t } = useParticipantsI18n()
  return (
    <Dialog
      open={participant !== null}
      title={participant ? t.participants.linkTitle(participantName(participant)) : ''}
      onClose={onClose}
    >
      {participant ? (
        <PersonalLinkBody key={participant.id} studyId={studyId} participant={participant} onClose={onClose} />
      ) : null}
    </Dialog>
  )
}

function PersonalLinkBody({
  studyId,
  participant,
  onClose,
}: {
  studyId: string
  participant: Participant
  onClose: () => void
}) {
  const { t, formatDateTime } = useParticipantsI18n()
  const create = useCreateParticipantLink(studyId)
  const [validDays, setValidDays] = useState<(typeof VALID_DAYS)[number]>('60')
  const link = create.data

  if (!link) {
    return (
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault()
          create.mutate({ participantId: participant.id, validDays: Number(validDays) })
        }}
      >
        <p>{t.participants.linkIntro}</p>
        <ErrorAlert error={create.error} />
        <SelectField
          label={t.participants.validDays}
          value={validDays}
          options={VALID_DAYS.map((d) => ({ value: d, label: t.participants.days(Number(d)) }))}
          onChange={setValidDays}
        />
        <div className="form-actions">
          <button type="button" className="btn btn--secondary" onClick={onClose}>
            {t.common.cancel}
          </button>
          <button type="submit" className="btn btn--primary" disabled={create.isPending} autoFocus>
            {create.isPending ? t.participants.creatingLink : t.participants.createLink}
          </button>
        </div>
      </form>
    )
  }

  return (
    <div className="stack">
      <div className="alert alert--warning">
        <p>
          <strong>{t.participants.linkOnce}</strong>
        </p>
      </div>
      <CopyLink
        label={t.participants.linkLabel}
        link={link.link}
        primary
        hint={t.participants.linkExpires(formatDateTime(link.expiresAt))}
      />
      <div className="form-actions">
        <button type="button" className="btn btn--secondary" onClick={onClose}>
          {t.participants.done}
        </button>
      </div>
    </div>
  )
}
