import {
  MESSAGE_KINDS,
  MESSAGE_STATUSES,
  type Message,
  type MessageKind,
  type MessageStatus,
  REPLACED_LINK_GRACE_HOURS,
} from '@klantreis/shared/messages'
import { useState } from 'react'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { SelectField } from '../../../components/ui/field'
import { LoadMore } from '../../../components/ui/load-more'
import { useMessagesI18n } from '../i18n'
import { useMessageLog } from '../api/messages'

type Props = {
  studyId: string
  /** Only this participant's messages (the participant column is then left out). */
  participantId?: string
  /** The table's accessible name. */
  label?: string
}

/**
 * A message's status in words, with the reason it failed or was not sent, and for a sent mail with a
 * personal link what became of the participant's older links.
 */
export function MessageStatusText({ message }: { message: Pick<Message, 'status' | 'reason' | 'personalLink'> }) {
  const { t } = useMessagesI18n()
  const reason = message.reason ? (t.messages.reasons[message.reason] ?? message.reason) : null
  const withReason = (message.status === 'failed' || message.status === 'suppressed') && reason
  const link = message.personalLink
    ? t.messages.personalLink(message.personalLink.replacedLinks, REPLACED_LINK_GRACE_HOURS)
    : null
  return (
    <>
      <span className={`badge badge--m-${message.status}`}>{t.messages.statuses[message.status]}</span>
      {withReason ? (
        <>
          <span className="visually-hidden">: </span>
          <span className="message-reason">{reason}</span>
        </>
      ) : null}
      {link ? (
        <>
          <span className="visually-hidden">. </span>
          <span className="message-reason">{link}</span>
        </>
      ) : null}
    </>
  )
}

/** The keyset-paged message log, newest first, with filters on status and kind. */
export function MessageLog({ studyId, participantId, label }: Props) {
  const { t, formatDateTime } = useMessagesI18n()
  const [status, setStatus] = useState<MessageStatus | ''>('')
  const [kind, setKind] = useState<MessageKind | ''>('')
  const log = useMessageLog(studyId, { participantId, status: status || undefined, kind: kind || undefined })
  const items = log.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <div className="stack">
      <div className="message-filters">
        <SelectField<MessageStatus | ''>
          label={t.messages.filterStatus}
          value={status}
          onChange={setStatus}
          options={[
            { value: '', label: t.messages.anyStatus },
            ...MESSAGE_STATUSES.map((s) => ({ value: s, label: t.messages.statuses[s] })),
          ]}
        />
        <SelectField<MessageKind | ''>
          label={t.messages.filterKind}
          value={kind}
          onChange={setKind}
          options={[
            { value: '', label: t.messages.anyKind },
            ...MESSAGE_KINDS.filter((k) => k !== 'team_invitation').map((k) => ({
              value: k,
              label: t.messages.kinds[k],
            })),
          ]}
        />
      </div>
      {log.isPending ? <Loading /> : null}
      {log.isError && !log.isFetchNextPageError ? (
        <ErrorAlert error={log.error}>
          <button type="button" className="btn btn--secondary" onClick={() => void log.refetch()}>
            {t.common.retry}
          </button>
        </ErrorAlert>
      ) : null}
      {log.isSuccess && items.length === 0 ? <p className="muted">{t.messages.noMessages}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label={label ?? t.messages.logLabel}>
            <thead>
              <tr>
                <th scope="col">{t.messages.colDate}</th>
                {participantId ? null : <th scope="col">{t.messages.colParticipant}</th>}
                <th scope="col">{t.messages.colKind}</th>
                <th scope="col">{t.messages.colStatus}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => {
                const at = m.sentAt ?? m.createdAt
                return (
                  <tr key={m.id}>
                    <td className="table__nowrap">
                      <time dateTime={at}>{formatDateTime(at)}</time>
                    </td>
                    {participantId ? null : (
                      <td>
                        {m.participant ? (
                          <>
                            {m.participant.pseudonym}
                            {/* name and address only for the roles that manage participants (the API's choice) */}
                            {m.participant.name || m.participant.email ? (
                              <span className="table__sub">
                                {[m.participant.name, m.participant.email].filter(Boolean).join(' · ')}
                              </span>
                            ) : null}
                          </>
                        ) : (
                          <span className="muted">{t.messages.participantRemoved}</span>
                        )}
                      </td>
                    )}
                    <td>
                      {t.messages.kinds[m.kind]}
                      {m.subject ? <span className="table__sub">{m.subject}</span> : null}
                    </td>
                    <td>
                      <MessageStatusText message={m} />
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore pages={log} />
      {log.isFetchNextPageError ? <ErrorAlert error={log.error} /> : null}
    </div>
  )
}
