import { STUDY_SCOPED_ROLES, type Member, type Role } from '@klantreis/shared/auth'
import { useId, useState, type FormEvent } from 'react'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { Dialog } from '../../../components/ui/dialog'
import { fieldError } from '../../../lib/api-client'
import { useTeamI18n } from '../i18n'
import { useChangeMemberStudies, useStudyChoices } from '../api/studies'

/** Only analysts and viewers can be limited to some studies (researchers and up run studies). */
export const mayBeLimited = (role: Role) => (STUDY_SCOPED_ROLES as readonly Role[]).includes(role)

/**
 * Every study, or only the ticked ones: what a stakeholder sees (issue 14). `value` null = every study.
 * A member limited to studies sees no other study of the organization, not even in the list.
 */
export function StudyPicker({
  value,
  onChange,
  error,
}: {
  value: string[] | null
  onChange: (value: string[] | null) => void
  error?: string
}) {
  const { t } = useTeamI18n()
  const id = useId()
  const studies = useStudyChoices(true)
  const limited = value !== null
  return (
    <fieldset className="fieldset study-picker" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t.studyAccess.legend}</legend>
      <div className="choice-row">
        <label className="choice">
          <input type="radio" name={`${id}-scope`} checked={!limited} onChange={() => onChange(null)} />
          {t.studyAccess.all}
        </label>
        <label className="choice">
          <input type="radio" name={`${id}-scope`} checked={limited} onChange={() => onChange(value ?? [])} />
          {t.studyAccess.only}
        </label>
      </div>
      {limited ? (
        <>
          {studies.isPending ? <Loading /> : null}
          <ErrorAlert error={studies.error} />
          <ul className="study-picker__list">
            {(studies.data ?? []).map((s) => (
              <li key={s.id}>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={value.includes(s.id)}
                    onChange={(e) => onChange(e.target.checked ? [...value, s.id] : value.filter((x) => x !== s.id))}
                  />
                  {s.title}
                </label>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}

/** What a member sees: "All studies", or the titles of their studies. */
export function MemberStudies({ member }: { member: Pick<Member, 'studyIds'> }) {
  const { t } = useTeamI18n()
  const studies = useStudyChoices(member.studyIds !== null)
  if (member.studyIds === null) return <>{t.studyAccess.allShort}</>
  const titles = member.studyIds.map((id) => studies.data?.find((s) => s.id === id)?.title).filter(Boolean)
  return <>{titles.length > 0 ? titles.join(', ') : t.studyAccess.count(member.studyIds.length)}</>
}

/** An admin changes which studies a member sees. */
export function MemberStudiesDialog({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const { t } = useTeamI18n()
  return (
    <Dialog open={member !== null} title={member ? t.studyAccess.dialogTitle(member.name) : ''} onClose={onClose}>
      {member ? <MemberStudiesForm key={member.userId} member={member} onDone={onClose} /> : null}
    </Dialog>
  )
}

function MemberStudiesForm({ member, onDone }: { member: Member; onDone: () => void }) {
  const { t } = useTeamI18n()
  const change = useChangeMemberStudies()
  const [value, setValue] = useState<string[] | null>(member.studyIds)
  const empty = value !== null && value.length === 0
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!empty) change.mutate({ userId: member.userId, studyIds: value }, { onSuccess: onDone })
  }
  return (
    <form onSubmit={submit} noValidate className="stack">
      <ErrorAlert error={change.error} />
      <StudyPicker
        value={value}
        onChange={setValue}
        error={empty ? t.studyAccess.pickOne : fieldError(change.error, 'studyIds')}
      />
      <div className="form-actions">
        <button type="button" className="btn btn--ghost" onClick={onDone}>
          {t.studyAccess.cancel}
        </button>
        <button type="submit" className="btn btn--primary" disabled={change.isPending || empty}>
          {change.isPending ? t.studyAccess.saving : t.studyAccess.save}
        </button>
      </div>
    </form>
  )
}
