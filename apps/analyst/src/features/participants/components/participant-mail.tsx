import type { Participant } from '@klantreis/shared/participants'
import { type ComponentType, useState } from 'react'
import { ErrorAlert, Notice } from '../../../components/ui/alert'
import { ConfirmDialog, Dialog } from '../../../components/ui/dialog'
import { useParticipantsI18n } from '../i18n'
import { useSetParticipantMail } from '../api/participants'

const nameOf = (p: Pick<Participant, 'name' | 'email' | 'pseudonym'>) => p.name || p.email || p.pseudonym

/** One participant's messages, as the app supplies it (the messages feature's log): participants does not import messages. */
export type MessageLogSlot = ComponentType<{ studyId: string; participantId: string; label: string }>

/** "Unsubscribed", with how and when, for someone who gets no more mail. */
export function UnsubscribedBadge({ participant }: { participant: Participant }) {
  const { t, formatDate } = useParticipantsI18n()
  if (!participant.unsubscribedAt) return null
  const how = participant.unsubscribeReason ? t.participants.mail.how[participant.unsubscribeReason] : null
  return (
    <span className="unsubscribed">
      <span className="badge badge--unsubscribed">{t.participants.mail.unsubscribed}</span>
      <span className="table__sub">
        {how
          ? t.participants.mail.since(how, formatDate(participant.unsubscribedAt))
          : formatDate(participant.unsubscribedAt)}
      </span>
    </span>
  )
}

type State = { participant: Participant; action: 'stop' | 'resume' } | null

/** Stop or resume mail to one participant (only what the researcher stopped can be resumed), and their messages. */
export function useParticipantMailControls(studyId: string, MessageLog: MessageLogSlot) {
  const { t } = useParticipantsI18n()
  const setMail = useSetParticipantMail(studyId)
  const [confirming, setConfirming] = useState<State>(null)
  const [result, setResult] = useState<string | null>(null)
  const [logOf, setLogOf] = useState<Participant | null>(null)

  const resume = (p: Participant) => {
    setResult(null)
    setMail.mutate(
      { participantId: p.id, subscribed: true },
      { onSuccess: () => setResult(t.participants.mail.resumed(nameOf(p))) },
    )
  }

  const buttons = (p: Participant, canEdit: boolean) => (
    <>
      <button
        type="button"
        className="btn btn--ghost btn--small"
        onClick={() => setLogOf(p)}
        aria-label={`${t.participants.mail.messages}: ${nameOf(p)}`}
      >
        {t.participants.mail.messages}
      </button>
      {canEdit && !p.unsubscribedAt ? (
        <>
          {' '}
          <button
            type="button"
            className="btn btn--ghost btn--small btn--danger-text"
            aria-label={`${t.participants.mail.stop}: ${nameOf(p)}`}
            onClick={() => {
              setResult(null)
              setMail.reset()
              setConfirming({ participant: p, action: 'stop' })
            }}
          >
            {t.participants.mail.stop}
          </button>
        </>
      ) : null}
      {canEdit && p.unsubscribeReason === 'researcher' ? (
        <>
          {' '}
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => resume(p)}
            disabled={setMail.isPending}
            aria-label={`${t.participants.mail.resume}: ${nameOf(p)}`}
          >
            {setMail.isPending && setMail.variables?.participantId === p.id
              ? t.participants.mail.resuming
              : t.participants.mail.resume}
          </button>
        </>
      ) : null}
    </>
  )

  const notices = (
    <>
      {result ? <Notice tone="success">{result}</Notice> : null}
      {!confirming ? <ErrorAlert error={setMail.error} /> : null}
    </>
  )

  const dialogs = (
    <>
      <ConfirmDialog
        open={confirming !== null}
        message={confirming ? t.participants.mail.stopConfirm(nameOf(confirming.participant)) : ''}
        confirmLabel={t.participants.mail.stop}
        pending={setMail.isPending}
        pendingLabel={t.participants.mail.stopping}
        error={<ErrorAlert error={setMail.error} />}
        onClose={() => setConfirming(null)}
        onConfirm={() =>
          confirming &&
          setMail.mutate(
            { participantId: confirming.participant.id, subscribed: false },
            {
              onSuccess: () => {
                setResult(t.participants.mail.stopped(nameOf(confirming.participant)))
                setConfirming(null)
              },
            },
          )
        }
      />
      <Dialog
        open={logOf !== null}
        title={logOf ? t.participants.participantMessages(nameOf(logOf)) : ''}
        onClose={() => setLogOf(null)}
        size="large"
      >
        {logOf ? (
          <MessageLog
            studyId={studyId}
            participantId={logOf.id}
            label={t.participants.participantMessages(nameOf(logOf))}
          />
        ) : null}
      </Dialog>
    </>
  )

  return { buttons, notices, dialogs }
}
