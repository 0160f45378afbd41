import { AUDIT_ACTION_GROUPS, AUDIT_ACTIONS, type AuditAction, type AuditEvent } from '@klantreis/shared/auth'
import { useId, useState } from 'react'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { SelectField, TextField } from '../../../components/ui/field'
import { LoadMore } from '../../../components/ui/load-more'
import { type AuditFilters, auditExportHref, EMPTY_AUDIT_FILTERS, useAuditLog, useAuditStudies } from '../api/audit-log'
import { useAuditI18n } from '../i18n/audit'

type T = ReturnType<typeof useAuditI18n>['t']

const num = (v: unknown) => (typeof v === 'number' ? v : null)

/** What happened, in words: the action's label, with the count where the event has one. */
export function describeEvent(t: T, e: AuditEvent): string {
  const d = e.detail
  if (e.action === 'mail.sent' && num(d.recipients) !== null) return t.audit.counted.mailSent(num(d.recipients)!)
  if (e.action === 'participant.imported' && num(d.imported) !== null) return t.audit.counted.imported(num(d.imported)!)
  if (e.action === 'participant.viewed' && d.what === 'messages') return t.audit.counted.viewedMessages
  if (e.action === 'export.downloaded' && typeof d.what === 'string' && typeof d.format === 'string')
    return t.audit.counted.downloaded(d.what, d.format)
  return t.audit.actions[e.action as AuditAction] ?? e.action
}

/** What it happened to: the study by its title, a participant by pseudonym (with their study), else as recorded. */
function subjectOf(t: T, e: AuditEvent): string {
  const s = e.subject ?? ''
  const study = e.studyTitle ?? (e.studyId ? t.audit.deletedStudy : null)
  if (s.startsWith('participant:')) return study ? t.audit.participantIn(s.slice(12), study) : s.slice(12)
  if (s.startsWith('study:')) return study ?? s
  if (s.startsWith('organization:')) return t.audit.organization
  return s || t.common.none
}

/** The audit log for admins and owners: filters, the events page by page, and the filtered list as CSV. */
export function AuditLogList() {
  const { t, formatDateTime } = useAuditI18n()
  const [filters, setFilters] = useState<AuditFilters>(EMPTY_AUDIT_FILTERS)
  // the address applies when the field is left or Enter is pressed, not on every keystroke
  const [actorDraft, setActorDraft] = useState('')
  const audit = useAuditLog(filters, true)
  const studies = useAuditStudies(true)
  const events = audit.data?.pages.flatMap((p) => p.items) ?? []
  const headingId = useId()
  const actionId = useId()
  const active = Object.values(filters).some(Boolean)
  const set = (patch: Partial<AuditFilters>) => setFilters((f) => ({ ...f, ...patch }))
  const groupLabel = (g: string) => t.audit.groups[g as keyof typeof t.audit.groups] ?? g

  return (
    <section className="panel stack" aria-labelledby={headingId}>
      <div className="audit__head">
        <div>
          <h2 id={headingId}>{t.audit.heading}</h2>
          <p className="muted">{t.audit.intro}</p>
        </div>
        <div className="audit__download">
          <a className="btn btn--secondary" href={auditExportHref(filters)} download>
            {t.audit.download}
          </a>
          <p className="field__hint">{t.audit.downloadHint}</p>
        </div>
      </div>

      <form
        className="filters"
        aria-label={t.audit.filters}
        onSubmit={(e) => {
          e.preventDefault()
          set({ actor: actorDraft })
        }}
      >
        <div className="filters__grid audit__filters">
          <div className="field">
            <label htmlFor={actionId} className="field__label">
              {t.audit.action}
            </label>
            <select
              id={actionId}
              className="input input--select"
              value={filters.action}
              onChange={(e) => set({ action: e.target.value })}
            >
              <option value="">{t.audit.anyAction}</option>
              {AUDIT_ACTION_GROUPS.map((g) => (
                <optgroup key={g} label={groupLabel(g)}>
                  <option value={`${g}.*`}>{t.audit.allOfGroup(groupLabel(g))}</option>
                  {AUDIT_ACTIONS.filter((a) => a.startsWith(`${g}.`)).map((a) => (
                    <option key={a} value={a}>
                      {t.audit.actions[a] ?? a}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div onBlur={() => set({ actor: actorDraft })}>
            <TextField label={t.audit.actor} type="email" value={actorDraft} onChange={setActorDraft} />
          </div>
          <SelectField
            label={t.audit.study}
            value={filters.study}
            options={[
              { value: '', label: t.audit.anyStudy },
              ...(studies.data?.items ?? []).map((s) => ({ value: s.id, label: s.title })),
            ]}
            onChange={(study) => set({ study })}
          />
          <TextField label={t.audit.from} type="date" value={filters.from} onChange={(from) => set({ from })} />
          <TextField label={t.audit.to} type="date" value={filters.to} onChange={(to) => set({ to })} />
        </div>
        {active ? (
          <button
            type="button"
            className="btn btn--ghost btn--small"
            onClick={() => {
              setActorDraft('')
              setFilters(EMPTY_AUDIT_FILTERS)
            }}
          >
            {t.audit.clear}
          </button>
        ) : null}
      </form>

      {audit.isPending ? <Loading /> : null}
      <ErrorAlert error={audit.error} />
      {audit.isSuccess && events.length === 0 ? (
        <p className="muted">{active ? t.audit.noneMatch : t.audit.none}</p>
      ) : null}
      {events.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--dense">
            <thead>
              <tr>
                <th scope="col">{t.audit.colWhen}</th>
                <th scope="col">{t.audit.colWho}</th>
                <th scope="col">{t.audit.colAction}</th>
                <th scope="col">{t.audit.colSubject}</th>
                <th scope="col">{t.audit.colIp}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((ev) => (
                <tr key={ev.id}>
                  <td>
                    <time dateTime={ev.at}>{formatDateTime(ev.at)}</time>
                  </td>
                  <td>{ev.actorEmail ?? <span className="muted">{t.audit.system}</span>}</td>
                  <td>{describeEvent(t, ev)}</td>
                  <td>{subjectOf(t, ev)}</td>
                  <td>{ev.ip ?? t.common.none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore pages={audit} />
    </section>
  )
}
