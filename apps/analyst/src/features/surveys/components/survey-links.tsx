import type { AnonymousLink, SurveyDetail } from '@klantreis/shared/surveys'
import { useState, type FormEvent } from 'react'
import { CopyLink } from '../../../components/ui/copy-link'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { ConfirmDialog } from '../../../components/ui/dialog'
import { TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useSurveysI18n } from '../i18n'
import { ReminderSettingsSection } from '../../messages'
import { useAnonymousLinks, useCreateAnonymousLink, useRevokeAnonymousLink } from '../api/surveys'

/** The server's bound on a link's response limit (CreateAnonymousLinkBodySchema). */
const MAX_RESPONSES = 1_000_000
/** An expiry date without a time runs to the end of that day: what someone who picks "until Friday" means. */
const END_OF_DAY = '23:59'

type LinkStatus = 'active' | 'expired' | 'limit' | 'revoked'
type Props = { studyId: string; survey: SurveyDetail; canEdit: boolean }

/**
 * Whether the link still lets someone in, judged as the server does: opening it needs it unrevoked
 * and unexpired, and a first save needs a place left under the limit (every started response counts).
 */
function statusOf(link: AnonymousLink, now: number): LinkStatus {
  if (link.revokedAt) return 'revoked'
  if (link.expiresAt && Date.parse(link.expiresAt) <= now) return 'expired'
  if (link.maxResponses !== null && link.responses >= link.maxResponses) return 'limit'
  return 'active'
}

/** The survey's "Distribution" tab: anonymous links that anyone can answer it through, without a personal link. */
export function SurveyLinks({ studyId, survey, canEdit }: Props) {
  const { t } = useSurveysI18n()
  return (
    <div className="stack">
      <div>
        <h3>{t.surveys.linksHeading}</h3>
        <p className="muted section-intro">{t.surveys.linksIntro}</p>
      </div>
      {survey.status !== 'open' ? (
        <div className="alert alert--warning" role="status">
          <p>{t.surveys.linksNotOpen(survey.status)}</p>
        </div>
      ) : null}
      {canEdit ? (
        <CreateLinkForm studyId={studyId} surveyId={survey.id} />
      ) : (
        <p className="muted">{t.surveys.linksReadOnly}</p>
      )}
      <LinksTable studyId={studyId} surveyId={survey.id} canEdit={canEdit} />
      <ReminderSettingsSection studyId={studyId} surveyId={survey.id} canEdit={canEdit} />
    </div>
  )
}

type FormErrors = { expiresAt?: string; maxResponses?: string }

function CreateLinkForm({ studyId, surveyId }: { studyId: string; surveyId: string }) {
  const { t } = useSurveysI18n()
  const create = useCreateAnonymousLink(studyId, surveyId)
  const [date, setDate] = useState('')
  const [time, setTime] = useState('')
  const [limit, setLimit] = useState('')
  const [errors, setErrors] = useState<FormErrors>({})
  // the full link exists only in the create answer: it lives here until "Done" or the next link
  const [created, setCreated] = useState<AnonymousLink | null>(null)

  /** Checks what the browser can, so a typo does not cost a round trip; the server's own messages land on the same fields. */
  const read = (): { body: { expiresAt: string | null; maxResponses: number | null } } | { errors: FormErrors } => {
    const found: FormErrors = {}
    let expiresAt: string | null = null
    if (date) {
      // date and time inputs give the analyst's local wall clock; the API wants an instant
      const at = new Date(`${date}T${time || END_OF_DAY}`)
      if (Number.isNaN(at.getTime())) found.expiresAt = t.surveys.linkErrors.invalidDate
      else if (at.getTime() <= Date.now()) found.expiresAt = t.surveys.linkErrors.past
      else expiresAt = at.toISOString()
    } else if (time) found.expiresAt = t.surveys.linkErrors.dateRequired
    const trimmed = limit.trim()
    const maxResponses = trimmed === '' ? null : /^\d+$/.test(trimmed) ? Number(trimmed) : NaN
    if (maxResponses !== null && !(maxResponses >= 1 && maxResponses <= MAX_RESPONSES))
      found.maxResponses = t.surveys.linkErrors.limit
    return Object.keys(found).length > 0 ? { errors: found } : { body: { expiresAt, maxResponses } }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setCreated(null)
    create.reset()
    const r = read()
    setErrors('errors' in r ? r.errors : {})
    if ('errors' in r) return
    create.mutate(r.body, {
      onSuccess: (link) => {
        setCreated(link)
        setDate('')
        setTime('')
        setLimit('')
      },
    })
  }

  const expiresError = errors.expiresAt ?? fieldError(create.error, 'expiresAt')
  const limitError = errors.maxResponses ?? fieldError(create.error, 'maxResponses')

  return (
    <section className="panel stack" aria-labelledby="link-create-heading">
      <h4 id="link-create-heading">{t.surveys.newLink}</h4>
      <form onSubmit={submit} noValidate className="stack">
        <div className="link-form">
          <TextField
            label={t.surveys.linkExpiryDate}
            optionalLabel={t.common.optional}
            type="date"
            value={date}
            onChange={setDate}
            error={expiresError}
          />
          <TextField
            label={t.surveys.linkExpiryTime}
            optionalLabel={t.common.optional}
            type="time"
            value={time}
            onChange={setTime}
          />
          <TextField
            label={t.surveys.linkLimit}
            inputMode="numeric"
            optionalLabel={t.common.optional}
            value={limit}
            onChange={setLimit}
            error={limitError}
            maxLength={7}
            autoComplete="off"
          />
        </div>
        <p className="field__hint">{t.surveys.linkFormHint}</p>
        <div className="form-actions form-actions--start">
          <button type="submit" className="btn btn--primary" disabled={create.isPending}>
            {create.isPending ? t.surveys.creatingLink : t.surveys.createLink}
          </button>
        </div>
      </form>
      {create.error && !fieldError(create.error, 'expiresAt') && !fieldError(create.error, 'maxResponses') ? (
        <ErrorAlert error={create.error} />
      ) : null}
      {created?.link ? <CreatedLink link={created.link} onDone={() => setCreated(null)} /> : null}
    </section>
  )
}

/** The one time the full link can be seen: copy it, or select it by hand where the clipboard is blocked. */
function CreatedLink({ link, onDone }: { link: string; onDone: () => void }) {
  const { t } = useSurveysI18n()
  return (
    <div className="alert alert--warning link-created" role="region" aria-label={t.surveys.linkCreated}>
      <p>
        <strong>{t.surveys.linkCreated}</strong> {t.surveys.linkOnce}
      </p>
      <CopyLink label={t.surveys.linkLabel} link={link} primary>
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          {t.surveys.done}
        </button>
      </CopyLink>
    </div>
  )
}

function LinksTable({ studyId, surveyId, canEdit }: { studyId: string; surveyId: string; canEdit: boolean }) {
  const { t, formatDateTime } = useSurveysI18n()
  const links = useAnonymousLinks(studyId, surveyId)
  const revoke = useRevokeAnonymousLink(studyId, surveyId)
  const [revoking, setRevoking] = useState<AnonymousLink | null>(null)
  const now = Date.now()
  const items = links.data?.items ?? []

  return (
    <section className="stack" aria-labelledby="links-list-heading">
      <h4 id="links-list-heading">{t.surveys.linksList}</h4>
      {links.isPending ? <Loading /> : null}
      <ErrorAlert error={links.error} />
      {links.isSuccess && items.length === 0 ? <Notice>{t.surveys.noLinks}</Notice> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label={t.surveys.linksListLabel}>
            <thead>
              <tr>
                <th scope="col">{t.surveys.colCreated}</th>
                <th scope="col">{t.surveys.colExpires}</th>
                <th scope="col">{t.surveys.colLinkResponses}</th>
                <th scope="col">{t.surveys.colStatus}</th>
                {canEdit ? (
                  <th scope="col">
                    <span className="visually-hidden">{t.surveys.colActions}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {items.map((link) => {
                const status = statusOf(link, now)
                const createdAt = formatDateTime(link.createdAt)
                return (
                  <tr key={link.id}>
                    <th scope="row">
                      <time dateTime={link.createdAt}>{createdAt}</time>
                    </th>
                    <td>
                      {link.expiresAt ? (
                        <time dateTime={link.expiresAt}>{formatDateTime(link.expiresAt)}</time>
                      ) : (
                        t.surveys.neverExpires
                      )}
                    </td>
                    <td>{t.surveys.linkResponses(link.responses, link.maxResponses)}</td>
                    <td>
                      <span className={`badge badge--link-${status}`}>{t.surveys.linkStatuses[status]}</span>
                      {link.revokedAt ? (
                        <span className="muted link-status__when">
                          {' '}
                          <time dateTime={link.revokedAt}>{formatDateTime(link.revokedAt)}</time>
                        </span>
                      ) : null}
                    </td>
                    {canEdit ? (
                      <td className="table__actions">
                        {status !== 'revoked' ? (
                          <button
                            type="button"
                            className="btn btn--ghost btn--small btn--danger-text"
                            aria-label={t.surveys.revokeLinkNamed(createdAt)}
                            onClick={() => setRevoking(link)}
                          >
                            {t.surveys.revokeLink}
                          </button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <ConfirmDialog
        open={revoking !== null}
        message={revoking ? t.surveys.revokeLinkConfirm(formatDateTime(revoking.createdAt)) : ''}
        confirmLabel={t.surveys.revokeLink}
        pending={revoke.isPending}
        pendingLabel={t.surveys.revokingLink}
        error={<ErrorAlert error={revoke.error} />}
        onClose={() => {
          setRevoking(null)
          revoke.reset()
        }}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      />
    </section>
  )
}
