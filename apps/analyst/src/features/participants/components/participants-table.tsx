import type { Participant, ParticipantErasure } from '@klantreis/shared/participants'
import type { Persona } from '@klantreis/shared/journey'
import { useState } from 'react'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { ConfirmDialog } from '../../../components/ui/dialog'
import { useParticipantsI18n } from '../i18n'
import { useParticipants, useRevokeParticipantLinks } from '../api/participants'
import { ParticipantStatusBadge } from './participant-status-badge'
import { LoadMore } from '../../../components/ui/load-more'
import { type MessageLogSlot, UnsubscribedBadge, useParticipantMailControls } from './participant-mail'
import { SegmentChips } from './segments-fieldset'
import { EraseParticipantDialog } from './erase-participant-dialog'
import { participantExportHref } from '../api/removal-requests'
import { RemovalRequestBadge } from './removal-requests'

type Props = {
  studyId: string
  personas: Persona[]
  canEdit: boolean
  /** Admins and owners may erase a participant for good. */
  canErase: boolean
  onLink: (p: Participant) => void
  onEdit: (p: Participant) => void
  messageLog: MessageLogSlot
}

/**
 * How a participant is named on this page: name or address for the roles that manage participants,
 * else the pseudonym (the API gives analysts and viewers no contact details; issue 14).
 */
export const participantName = (p: Pick<Participant, 'name' | 'email' | 'pseudonym'>) =>
  p.name || p.email || p.pseudonym

export function ParticipantsTable({ studyId, personas, canEdit, canErase, onLink, onEdit, messageLog }: Props) {
  const { t, formatDateTime } = useParticipantsI18n()
  const participants = useParticipants(studyId)
  const revoke = useRevokeParticipantLinks(studyId)
  const [revoking, setRevoking] = useState<Participant | null>(null)
  const [revoked, setRevoked] = useState<Participant | null>(null)
  const [erasing, setErasing] = useState<Participant | null>(null)
  const [erased, setErased] = useState<{ name: string; erasure: ParticipantErasure } | null>(null)
  const mail = useParticipantMailControls(studyId, messageLog)
  const items = participants.data?.pages.flatMap((p) => p.items) ?? []
  const personaName = (id: string | null) => personas.find((p) => p.id === id)?.name ?? t.common.none
  // the contact column only when the API gave this role contact details
  const contact = items.some((p) => p.email !== null)

  return (
    <div className="stack">
      {revoked ? <Notice tone="success">{t.participants.revoked(participantName(revoked))}</Notice> : null}
      {erased ? (
        <Notice tone="success">{t.participants.erase.erased(erased.name, erased.erasure.counts)}</Notice>
      ) : null}
      {mail.notices}
      {participants.isPending ? <Loading /> : null}
      {participants.isError && !participants.isFetchNextPageError ? (
        <ErrorAlert error={participants.error}>
          <button type="button" className="btn btn--secondary" onClick={() => void participants.refetch()}>
            {t.common.retry}
          </button>
        </ErrorAlert>
      ) : null}
      {participants.isSuccess && items.length === 0 ? (
        <div className="empty">
          <p>{t.participants.empty}</p>
        </div>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table participants-table">
            <thead>
              <tr>
                <th scope="col">{t.participants.colPseudonym}</th>
                {contact ? <th scope="col">{t.participants.colName}</th> : null}
                <th scope="col">{t.participants.colStatus}</th>
                <th scope="col">{t.participants.colLanguage}</th>
                <th scope="col">{t.participants.colPersona}</th>
                <th scope="col">{t.participants.colSegments}</th>
                <th scope="col" className="table__num">
                  {t.participants.colEntries}
                </th>
                <th scope="col">{t.participants.colLastEntry}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.participants.colActions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  {/* the row is headed by how this role knows the participant: their name, else the pseudonym */}
                  {contact ? (
                    <>
                      <td className="table__nowrap">{p.pseudonym}</td>
                      <th scope="row">
                        {p.name || <span className="muted">{t.common.noName}</span>}
                        <span className="table__sub">
                          {p.email}
                          {p.externalRef ? ` · ${p.externalRef}` : ''}
                        </span>
                      </th>
                    </>
                  ) : (
                    <th scope="row" className="table__nowrap">
                      {p.pseudonym}
                    </th>
                  )}
                  <td>
                    <ParticipantStatusBadge status={p.status} />
                    <UnsubscribedBadge participant={p} />
                    <RemovalRequestBadge studyId={studyId} participantId={p.id} />
                  </td>
                  <td>{t.languages[p.language]}</td>
                  <td>{personaName(p.personaId)}</td>
                  <td>
                    <SegmentChips segments={p.segments} />
                  </td>
                  <td className="table__num">{p.entryCount}</td>
                  <td>
                    {p.lastEntryAt ? (
                      <time dateTime={p.lastEntryAt}>{formatDateTime(p.lastEntryAt)}</time>
                    ) : (
                      t.common.none
                    )}
                  </td>
                  <td className="table__actions">
                    {canEdit ? (
                      <>
                        <button type="button" className="btn btn--ghost btn--small" onClick={() => onEdit(p)}>
                          {t.common.edit}
                          <span className="visually-hidden">: {participantName(p)}</span>
                        </button>{' '}
                        <button type="button" className="btn btn--secondary btn--small" onClick={() => onLink(p)}>
                          {t.participants.personalLink}
                          <span className="visually-hidden">: {participantName(p)}</span>
                        </button>{' '}
                        <button
                          type="button"
                          className="btn btn--ghost btn--small btn--danger-text"
                          onClick={() => {
                            setRevoked(null)
                            setRevoking(p)
                          }}
                        >
                          {t.participants.revokeLinks}
                          <span className="visually-hidden">: {participantName(p)}</span>
                        </button>{' '}
                        {/* the browser's own download (the session cookie goes along); the file is named by pseudonym */}
                        <a className="btn btn--ghost btn--small" href={participantExportHref(studyId, p.id)} download>
                          {t.participantData.download}
                          <span className="visually-hidden">: {participantName(p)}</span>
                        </a>{' '}
                      </>
                    ) : null}
                    {mail.buttons(p, canEdit)}
                    {canErase ? (
                      <>
                        {' '}
                        <button
                          type="button"
                          className="btn btn--ghost btn--small btn--danger-text"
                          onClick={() => {
                            setErased(null)
                            setErasing(p)
                          }}
                        >
                          {t.participants.erase.action}
                          <span className="visually-hidden">: {participantName(p)}</span>
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore pages={participants} />
      {participants.isFetchNextPageError ? <ErrorAlert error={participants.error} /> : null}
      {mail.dialogs}
      <EraseParticipantDialog
        studyId={studyId}
        participant={erasing}
        onClose={() => setErasing(null)}
        onErased={(p, erasure) => {
          setErasing(null)
          setErased({ name: participantName(p), erasure })
        }}
      />
      <ConfirmDialog
        open={revoking !== null}
        message={revoking ? t.participants.revokeConfirm(participantName(revoking)) : ''}
        confirmLabel={t.participants.revokeLinks}
        pending={revoke.isPending}
        pendingLabel={t.participants.revoking}
        error={<ErrorAlert error={revoke.error} />}
        onClose={() => {
          setRevoking(null)
          revoke.reset()
        }}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              setRevoked(revoking)
              setRevoking(null)
            },
          })
        }
      />
    </div>
  )
}
