import type { AnalystEntry } from '@klantreis/shared/diary'
import type { Stage, Touchpoint } from '@klantreis/shared/journey'
import { useEntriesI18n } from '../i18n'
import { studyPath } from '../../../lib/api-paths'
import { Face } from './face'

type Props = { studyId: string; entry: AnalystEntry; touchpoints: Map<string, Touchpoint>; stages: Map<string, Stage> }

/** One diary moment. Everything a participant typed is rendered as text, never as HTML. */
export function EntryCard({ studyId, entry, touchpoints, stages }: Props) {
  const { t, formatDateTime } = useEntriesI18n()
  const touchpoint = entry.touchpointId ? touchpoints.get(entry.touchpointId) : undefined
  const stage = entry.stageId ? stages.get(entry.stageId) : undefined
  const photoSrc = entry.photoId ? `/api/v1${studyPath(studyId, `/photos/${encodeURIComponent(entry.photoId)}`)}` : null
  const name = entry.participant.pseudonym

  let place: string
  if (touchpoint) place = touchpoint.name
  else if (entry.touchpointId) place = t.entries.removedTouchpoint
  else if (entry.proposal) place = t.entries.somethingElse
  else place = t.entries.noTouchpoint

  return (
    <article className={`entry-card${entry.valence ? ` entry-card--${entry.valence}` : ''}`}>
      <header className="entry-card__head">
        <div className="entry-card__where">
          <h3 className="entry-card__touchpoint">
            {place}
            {stage ? <span className="entry-card__stage"> · {stage.name}</span> : null}
          </h3>
          <p className="entry-card__meta">
            <span>{name}</span>
            <span aria-hidden="true"> · </span>
            <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time>
            {entry.channel ? (
              <>
                <span aria-hidden="true"> · </span>
                <span>{t.entries.channel(t.channels[entry.channel])}</span>
              </>
            ) : null}
          </p>
        </div>
        <div className="entry-card__feel">
          {entry.emotion !== null ? (
            <span
              className="emotion"
              title={t.entries.emotion(t.entries.emotions[entry.emotion + 3] ?? '', entry.emotion)}
            >
              <Face value={entry.emotion} />
              <span className="emotion__word">
                <span className="visually-hidden">
                  {t.entries.emotion(t.entries.emotions[entry.emotion + 3] ?? '', entry.emotion)}
                </span>
                <span aria-hidden="true">{t.entries.emotions[entry.emotion + 3]}</span>
              </span>
            </span>
          ) : null}
          {entry.valence ? (
            <span className={`badge badge--${entry.valence}`}>{t.entries.valences[entry.valence]}</span>
          ) : null}
        </div>
      </header>
      {entry.proposal ? (
        <p className="entry-card__proposal">
          <span className="entry-card__proposal-text">“{entry.proposal.description}”</span>{' '}
          <span className={`badge badge--proposal-${entry.proposal.status}`}>
            {t.entries.proposalStatuses[entry.proposal.status]}
          </span>
        </p>
      ) : null}
      {entry.text ? <p className="entry-card__text">{entry.text}</p> : null}
      {photoSrc ? (
        <a className="entry-card__photo-link" href={photoSrc} target="_blank" rel="noopener noreferrer">
          <img className="entry-card__photo" src={photoSrc} alt={t.entries.photoAlt(name)} loading="lazy" />
        </a>
      ) : null}
    </article>
  )
}
