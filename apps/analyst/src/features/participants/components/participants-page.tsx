import type { Role } from '@klantreis/shared/auth'
import type { Participant } from '@klantreis/shared/participants'
import { useState } from 'react'
import { useParticipantsI18n } from '../i18n'
import { canEditStudies, canEraseParticipants } from '../../../lib/roles'
import { useJourneyModel } from '../../journey-model'
import { StudyFrame } from '../../../components/layouts/study-frame'
import { AddParticipantForm } from './add-participant-form'
import { ConsentEditor } from './consent-editor'
import { CsvImport } from './csv-import'
import { EditParticipantDialog } from './edit-participant-dialog'
import type { MessageLogSlot } from './participant-mail'
import { ParticipantsTable } from './participants-table'
import { PersonalLinkDialog } from './personal-link-dialog'
import { RemovalRequests } from './removal-requests'
import '../participants.css'

/** The study's participants; `messageLog` is how the app shows one participant's messages. */
export function ParticipantsPage({
  studyId,
  role,
  messageLog,
}: {
  studyId: string
  role: Role
  messageLog: MessageLogSlot
}) {
  const { t } = useParticipantsI18n()
  const canEdit = canEditStudies(role)
  const model = useJourneyModel(studyId)
  const personas = model.data?.personas ?? []
  const [linkFor, setLinkFor] = useState<Participant | null>(null)
  const [editing, setEditing] = useState<Participant | null>(null)

  return (
    <StudyFrame studyId={studyId} tab="participants" canEdit={canEdit}>
      {(study) => (
        <>
          <div>
            <h2>{t.participants.heading}</h2>
            <p className="muted section-intro">{t.participants.intro}</p>
          </div>
          <RemovalRequests studyId={studyId} canDecide={canEraseParticipants(role)} />
          <ParticipantsTable
            studyId={studyId}
            personas={personas}
            canEdit={canEdit}
            canErase={canEraseParticipants(role)}
            onLink={setLinkFor}
            onEdit={setEditing}
            messageLog={messageLog}
          />
          {canEdit ? (
            <div className="grid-2 grid-2--top">
              <AddParticipantForm studyId={studyId} study={study} personas={personas} onLink={setLinkFor} />
              <CsvImport studyId={studyId} personaName={personas[0]?.name} />
            </div>
          ) : null}
          <ConsentEditor studyId={studyId} canEdit={canEdit} />
          <PersonalLinkDialog studyId={studyId} participant={linkFor} onClose={() => setLinkFor(null)} />
          <EditParticipantDialog
            studyId={studyId}
            participant={editing}
            personas={personas}
            onClose={() => setEditing(null)}
          />
        </>
      )}
    </StudyFrame>
  )
}
