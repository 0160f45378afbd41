import type { Participant, RemovalRequest } from '@klantreis/shared/participants'
import { useState, type FormEvent } from 'react'
import { ErrorAlert, Notice } from '../../../components/ui/alert'
import { ConfirmDialog, Dialog } from '../../../components/ui/dialog'
import { TextField } from '../../../components/ui/field'
import { useParticipantsI18n } from '../i18n'
import { useParticipants } from '../api/participants'
import { useConfirmRemovalRequest, useDeclineRemovalRequest, useRemovalRequests } from '../api/removal-requests'

/** The participants who asked to have their data removed and wait for an answer; admins confirm or decline. */
export function RemovalRequests({ studyId, canDecide }: { studyId: string; canDecide: boolean }) {
  const { t, formatDateTime } = useParticipantsI18n()
  const requests = useRemovalRequests(studyId)
  const participants = useParticipants(studyId)
  const confirm = useConfirmRemovalRequest(studyId)
  const [confirming, setConfirming] = useState<RemovalRequest | null>(null)
  const [declining, setDeclining] = useState<RemovalRequest | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const pending = requests.data?.items.filter((r) => r.status === 'pending') ?? []
  const known = new Map<string, Participant>(
    (participants.data?.pages.flatMap((p) => p.items) ?? []).map((p) => [p.id, p]),
  )
  // the name where this role sees it, else the pseudonym every view shares
  const who = (r: RemovalRequest) => known.get(r.participantId)?.name || r.pseudonym
  const r = t.participantData

  return (
    <>
      {done ? <Notice tone="success">{done}</Notice> : null}
      {requests.isError ? <ErrorAlert error={requests.error} /> : null}
      {pending.length > 0 ? (
        <section className="alert alert--info removal-requests" aria-labelledby="removal-requests-heading">
          <h3 id="removal-requests-heading">{r.pendingHeading(pending.length)}</h3>
          <p>{canDecide ? r.pendingIntroAdmin : r.pendingIntro}</p>
          <ul className="removal-requests__list">
            {pending.map((req) => (
              <li key={req.id}>
                <span>
                  <strong>{who(req)}</strong>{' '}
                  <span className="muted">{r.requestedOn(formatDateTime(req.requestedAt))}</span>
                </span>
                {canDecide ? (
                  <span className="removal-requests__actions">
                    <button
                      type="button"
                      className="btn btn--danger btn--small"
                      onClick={() => {
                        setDone(null)
                        setConfirming(req)
                      }}
                    >
                      {r.confirm}
                      <span className="visually-hidden">: {who(req)}</span>
                    </button>{' '}
                    <button
                      type="button"
                      className="btn btn--secondary btn--small"
                      onClick={() => {
                        setDone(null)
                        setDeclining(req)
                      }}
                    >
                      {r.decline}
                      <span className="visually-hidden">: {who(req)}</span>
                    </button>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ConfirmDialog
        open={confirming !== null}
        message={confirming ? r.confirmMessage(who(confirming)) : ''}
        confirmLabel={r.confirmAction}
        pending={confirm.isPending}
        pendingLabel={t.participants.erase.erasing}
        error={<ErrorAlert error={confirm.error} />}
        onClose={() => {
          setConfirming(null)
          confirm.reset()
        }}
        onConfirm={() => {
          if (!confirming) return
          const name = who(confirming)
          confirm.mutate(confirming.id, {
            onSuccess: () => {
              setConfirming(null)
              setDone(r.confirmed(name))
            },
          })
        }}
      />
      <Dialog
        open={declining !== null}
        title={declining ? r.declineTitle(who(declining)) : ''}
        onClose={() => setDeclining(null)}
        size="small"
      >
        {declining ? (
          <DeclineForm
            key={declining.id}
            studyId={studyId}
            request={declining}
            onCancel={() => setDeclining(null)}
            onDeclined={() => {
              setDone(r.declined(who(declining)))
              setDeclining(null)
            }}
          />
        ) : null}
      </Dialog>
    </>
  )
}

function DeclineForm({
  studyId,
  request,
  onCancel,
  onDeclined,
}: {
  studyId: string
  request: RemovalRequest
  onCancel: () => void
  onDeclined: () => void
}) {
  const { t } = useParticipantsI18n()
  const decline = useDeclineRemovalRequest(studyId)
  const [reason, setReason] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!decline.isPending) decline.mutate({ requestId: request.id, reason }, { onSuccess: onDeclined })
  }
  return (
    <form onSubmit={submit} noValidate className="stack">
      <p>{t.participantData.declineIntro}</p>
      <TextField
        label={t.participantData.declineReason}
        hint={t.participantData.declineReasonHint}
        optionalLabel={t.common.optional}
        multiline
        rows={3}
        maxLength={1000}
        value={reason}
        onChange={setReason}
      />
      <ErrorAlert error={decline.error} />
      <div className="form-actions">
        <button type="button" className="btn btn--secondary" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" className="btn btn--primary" disabled={decline.isPending}>
          {decline.isPending ? t.participantData.declining : t.participantData.declineAction}
        </button>
      </div>
    </form>
  )
}

/** The badge on a participant's row while their removal request waits. */
export function RemovalRequestBadge({ studyId, participantId }: { studyId: string; participantId: string }) {
  const { t } = useParticipantsI18n()
  const requests = useRemovalRequests(studyId)
  const waiting = requests.data?.items.some((r) => r.participantId === participantId && r.status === 'pending')
  return waiting ? <span className="badge badge--pain removal-badge">{t.participantData.badge}</span> : null
}
