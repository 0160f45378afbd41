import type { Role } from '@klantreis/shared/auth'
import { useMessagesI18n } from '../i18n'
import { canEditStudies } from '../../../lib/roles'
import { StudyFrame } from '../../../components/layouts/study-frame'
import { FeedbackComposer } from './feedback-composer'
import { InvitationComposer } from './invitation-composer'
import { MessageLog } from './message-log'
import { SendsList } from './sends-list'
import '../messages.css'

/** The study's "Messages" tab: send invitations and "You said, we did", see earlier sends and every message. */
export function MessagesPage({ studyId, role }: { studyId: string; role: Role }) {
  const { t } = useMessagesI18n()
  const canEdit = canEditStudies(role)
  return (
    <StudyFrame studyId={studyId} tab="messages" canEdit={canEdit}>
      {(study) => (
        <>
          <div>
            <h2>{t.messages.heading}</h2>
            <p className="muted section-intro">{t.messages.intro}</p>
          </div>
          {canEdit ? (
            <InvitationComposer studyId={studyId} study={study} />
          ) : (
            <p className="muted">{t.messages.readOnly}</p>
          )}
          <section className="stack" aria-labelledby="sends-heading">
            <h3 id="sends-heading">{t.messages.sendsHeading}</h3>
            <SendsList studyId={studyId} />
          </section>
          {canEdit ? <FeedbackComposer studyId={studyId} study={study} /> : null}
          <section className="stack" aria-labelledby="log-heading">
            <h3 id="log-heading">{t.messages.logHeading}</h3>
            <MessageLog studyId={studyId} />
          </section>
        </>
      )}
    </StudyFrame>
  )
}
