import { useEffect, useState } from 'react'
import { useApp } from '../../../lib/context'
import { formatDateTime, type Messages } from '../../../lib/i18n'
import type { contentOf } from '../api/entry-store'
import { hasUnstorable, splitUnstorable } from '../../../lib/text'
import type { LocalPhoto, RespondentMe } from '../../../lib/types'
import { signed } from '../../../components/emotion-scale'
import { Face } from '../../../components/face'

type Content = NonNullable<ReturnType<typeof contentOf>>

export function touchpointLabel(
  t: Messages,
  stages: RespondentMe['stages'],
  c: Pick<Content, 'touchpointId' | 'somethingElse' | 'proposal'>,
) {
  if (c.touchpointId) {
    for (const s of stages) {
      const tp = s.touchpoints.find((x) => x.id === c.touchpointId)
      if (tp) return tp.name
    }
    return t.unknownTouchpoint
  }
  const d = c.somethingElse ?? c.proposal?.description
  return d ? t.somethingElseLabel(d) : t.noTouchpoint
}

function usePhotoUrl(photoId: string | null, local: LocalPhoto | null) {
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    if (local) {
      const u = URL.createObjectURL(local.blob)
      setUrl(u)
      return () => URL.revokeObjectURL(u)
    }
    setUrl(photoId ? `/api/v1/respondent/photos/${encodeURIComponent(photoId)}` : null)
    return undefined
  }, [photoId, local])
  return url
}

/** Text as typed, with a visible mark where a character stands that the server cannot store (so it can be found and fixed). */
function Marked({ text, t }: { text: string; t: Messages }) {
  if (!hasUnstorable(text)) return text
  return splitUnstorable(text).map(
    (part, i) =>
      part ?? (
        <mark key={i} className="bad-char">
          <span aria-hidden="true">{'\ufffd'}</span>
          <span className="visually-hidden">{t.badChar}</span>
        </mark>
      ),
  )
}

/** The body of an entry: when, where, how it felt, what happened. Typed text is rendered as text. */
export function EntryView(props: { content: Content; photo: LocalPhoto | null; headingId?: string; level?: 2 | 3 }) {
  const { t, lang, me } = useApp()
  const c = props.content
  const photoUrl = usePhotoUrl(c.photoId, props.photo)
  const H = props.level === 2 ? 'h2' : 'h3'
  return (
    <>
      <div className="entry-head">
        <H className="entry-title" id={props.headingId}>
          <Marked text={touchpointLabel(t, me.stages, c)} t={t} />
        </H>
        <time dateTime={c.occurredAt} className="entry-time">
          {formatDateTime(lang, c.occurredAt)}
        </time>
      </div>
      {(c.emotion !== null || c.valence || c.channel) && (
        <p className="entry-meta">
          {c.emotion !== null && (
            <span className="emotion-tag">
              <Face value={c.emotion} size={24} />
              {t.emotions[c.emotion + 3]} <span className="muted">({signed(c.emotion)})</span>
            </span>
          )}
          {c.valence && <span className={`tag tag-${c.valence}`}>{t.valences[c.valence]}</span>}
          {c.channel && <span className="tag">{t.channels[c.channel]}</span>}
        </p>
      )}
      {c.text && (
        <p className="entry-text">
          <Marked text={c.text} t={t} />
        </p>
      )}
      {photoUrl && <img className="entry-photo" src={photoUrl} alt={t.photoAlt} loading="lazy" />}
    </>
  )
}
