import type { Participant } from '@klantreis/shared/participants'
import { useId, useState } from 'react'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { LoadMore } from '../../../components/ui/load-more'
import { useMessagesI18n } from '../i18n'
import { useParticipants } from '../../participants'

export type RecipientChoice = { type: 'all' | 'contributors' | 'selected'; participantIds: string[] }

type Props = {
  studyId: string
  /** The broad choice offered next to "selected": everyone, or only those who contributed. */
  broad: 'all' | 'contributors'
  value: RecipientChoice
  onChange: (value: RecipientChoice) => void
  error?: string
}

/** The pseudonym for everyone; the name or address after it only for the roles the API gives them to. */
const contactOf = (p: Pick<Participant, 'name' | 'email'>) => p.name || p.email

/** How many a send reaches and how many of them are skipped because they unsubscribed (null: not known here). */
export function useRecipientCount(
  studyId: string,
  value: RecipientChoice,
): { count: number | null; skipped: number | null } {
  const participants = useParticipants(studyId)
  const items = participants.data?.pages.flatMap((p) => p.items) ?? []
  const complete = participants.isSuccess && !participants.hasNextPage
  if (value.type === 'selected') {
    const picked = items.filter((p) => value.participantIds.includes(p.id))
    return { count: value.participantIds.length, skipped: picked.filter((p) => p.unsubscribedAt).length }
  }
  if (value.type === 'contributors') return { count: null, skipped: null }
  return complete
    ? { count: items.length, skipped: items.filter((p) => p.unsubscribedAt).length }
    : { count: null, skipped: null }
}

/** Everyone (or the contributors), or a searchable checklist of participants; the unsubscribed are marked as skipped. */
export function RecipientPicker({ studyId, broad, value, onChange, error }: Props) {
  const { t } = useMessagesI18n()
  const id = useId()
  const [search, setSearch] = useState('')
  const participants = useParticipants(studyId)
  const items = participants.data?.pages.flatMap((p) => p.items) ?? []
  const needle = search.trim().toLowerCase()
  const shown = needle
    ? // only what this role was given is searched: a search cannot find a name the list does not show
      items.filter((p) => [p.pseudonym, p.name, p.email, p.externalRef].some((v) => v?.toLowerCase().includes(needle)))
    : items
  const { skipped } = useRecipientCount(studyId, value)

  const toggle = (participantId: string, checked: boolean) => {
    const ids = checked
      ? [...value.participantIds, participantId]
      : value.participantIds.filter((x) => x !== participantId)
    onChange({ type: 'selected', participantIds: ids })
  }

  return (
    <fieldset
      className={`fieldset${error ? ' field--invalid' : ''}`}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="field__label">{t.messages.recipients}</legend>
      <div className="choice-row">
        <label className="choice">
          <input
            type="radio"
            name={`${id}-type`}
            checked={value.type === broad}
            onChange={() => onChange({ ...value, type: broad })}
          />
          <span>{broad === 'all' ? t.messages.allParticipants : t.messages.contributors}</span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name={`${id}-type`}
            checked={value.type === 'selected'}
            onChange={() => onChange({ ...value, type: 'selected' })}
          />
          <span>{t.messages.selectedParticipants}</span>
        </label>
      </div>
      {skipped ? <p className="field__hint">{t.messages.skippedCount(skipped)}</p> : null}
      {value.type === 'selected' ? (
        <div className="stack recipient-list">
          <div className="field">
            <label htmlFor={`${id}-search`} className="field__label">
              {t.messages.searchParticipants}
            </label>
            <input
              id={`${id}-search`}
              className="input"
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              autoComplete="off"
            />
          </div>
          <p className="muted" role="status">
            {t.messages.selectedCount(value.participantIds.length)}
          </p>
          {participants.isPending ? <Loading /> : null}
          <ErrorAlert error={participants.error} />
          {participants.isSuccess && shown.length === 0 ? <p className="muted">{t.messages.noMatches}</p> : null}
          <ul className="recipient-list__items">
            {shown.map((p) => (
              <li key={p.id}>
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={value.participantIds.includes(p.id)}
                    onChange={(e) => toggle(p.id, e.target.checked)}
                  />
                  <span>
                    {p.pseudonym}
                    {contactOf(p) ? <span className="muted"> · {contactOf(p)}</span> : null}
                    {p.unsubscribedAt ? (
                      <>
                        {' '}
                        <span className="badge badge--unsubscribed">{t.messages.willBeSkipped}</span>
                      </>
                    ) : null}
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <LoadMore pages={participants} />
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
