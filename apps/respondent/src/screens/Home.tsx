import { useEffect, useState } from 'react'
import { api } from '../api'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { EntryView } from '../components/EntryView'
import { SyncStatus } from '../components/SyncStatus'
import { useApp, useScreenHeading } from '../context'
import { clearDraft, type Draft, loadDraft } from '../draft'
import { formatDay } from '../i18n'
import { contentOf, deleteEntry, retry, type Snapshot, visibleRecords } from '../store'
import { SURVEYS_CHANGED } from '../survey/local'
import type { LocalRecord } from '../types'
import { Header } from './Header'

export function HomeScreen({ snap }: { snap: Snapshot }) {
  const { me, t, lang, navigate, announce } = useApp()
  const diary = me.diary
  const open = diary?.state === 'open'
  const h = useScreenHeading(diary?.title || me.study.title)
  const [draft, setDraft] = useState<Draft | null>(null)
  const [deleting, setDeleting] = useState<string | null>(null)
  const records = visibleRecords(snap.records)

  useEffect(() => {
    void loadDraft().then(setDraft)
  }, [])

  return (
    <>
      <Header />
      <main className="page" id="main">
        <h1 ref={h} tabIndex={-1}>
          {diary?.title || me.study.title}
        </h1>
        {!diary && <p className="notice">{t.noDiary}</p>}
        {diary?.state === 'not_started' && <p className="notice">{t.notStarted(formatDay(lang, diary.startsOn))}</p>}
        {diary?.state === 'ended' && <p className="notice">{t.ended(formatDay(lang, diary.endsOn))}</p>}

        <SyncStatus snap={snap} />

        {open && draft && (
          <div className="draft-banner">
            <p>{t.draftWaiting}</p>
            <div className="row">
              <button type="button" className="primary" onClick={() => navigate(draft.mode === 'new' ? { name: 'new' } : { name: 'edit', id: draft.id })}>
                {t.draftContinue}
              </button>
              <button
                type="button"
                onClick={() => {
                  void clearDraft()
                  setDraft(null)
                }}
              >
                {t.draftDiscard}
              </button>
            </div>
          </div>
        )}

        {open && (
          <button type="button" className="primary big new-moment" onClick={() => navigate({ name: 'new' })}>
            <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
              <path d="M12 5v14M5 12h14" stroke="currentColor" strokeWidth="2.8" strokeLinecap="round" />
            </svg>
            {t.newMoment}
          </button>
        )}

        {diary?.instructions && (
          <details className="instructions" open={records.length === 0}>
            <summary>{t.instructions}</summary>
            {diary.instructions
              .split(/\n\s*\n/)
              .filter((p) => p.trim())
              .map((p, i) => (
                <p key={i}>{p}</p>
              ))}
          </details>
        )}

        <SurveyList />

        <h2>{t.myMoments}</h2>
        {snap.loaded && records.length === 0 && <p className="muted">{t.noMoments}</p>}
        <ul className="entries" data-testid="entries">
          {records.map((r) => (
            <EntryCard key={r.id} r={r} editable={open} onDelete={() => setDeleting(r.id)} onRetry={() => void retry(r.id)} />
          ))}
        </ul>
      </main>
      <ConfirmDialog
        open={deleting !== null}
        title={t.deleteTitle}
        body={t.deleteBody}
        confirm={t.deleteConfirm}
        cancel={t.cancel}
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          const id = deleting
          setDeleting(null)
          if (id) void deleteEntry(id).then(() => announce(t.deletedMsg))
        }}
      />
    </>
  )
}

function EntryCard({ r, editable, onDelete, onRetry }: { r: LocalRecord; editable: boolean; onDelete: () => void; onRetry: () => void }) {
  const { t, navigate } = useApp()
  const c = contentOf(r)
  const headingId = `entry-${r.id}`
  const failure = r.failure && !r.conflict ? r.failure : null
  const failText = !failure
    ? ''
    : failure.code === 'DIARY_CLOSED'
      ? t.failClosed
      : failure.code === 'PHOTO_TOO_LARGE' || failure.code === 'BODY_TOO_LARGE'
        ? t.failPhoto
        : failure.code === 'UNSUPPORTED_MEDIA_TYPE'
          ? t.photoUnreadable
          : failure.code === 'VALIDATION_FAILED' || failure.code.endsWith('_NOT_FOUND')
            ? t.failInvalid
            : t.failOther
  return (
    <li className={`entry${r.pending ? ' entry-pending' : ''}${r.conflict ? ' entry-conflict' : ''}`} data-testid="entry" data-entry-id={r.id}>
      {c && <EntryView content={c} photo={r.pending?.kind === 'put' ? r.pending.photo : null} headingId={headingId} />}
      {r.conflict ? (
        <div className="entry-status status-conflict">
          <span>{t.conflictBadge}</span>
          <button type="button" className="small" onClick={() => navigate({ name: 'conflict', id: r.id })}>
            {t.chooseVersion}
          </button>
        </div>
      ) : failure ? (
        <div className="entry-status status-failed">
          <span>{failText}</span>
          {failure.code !== 'DIARY_CLOSED' && (
            <button type="button" className="small" onClick={onRetry} aria-describedby={headingId}>
              {t.retry}
            </button>
          )}
        </div>
      ) : r.pending ? (
        <p className="entry-status status-pending">
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
            <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          {t.notSynced}
        </p>
      ) : null}
      {editable && !r.conflict && c && (
        <div className="entry-actions">
          <button type="button" className="small" onClick={() => navigate({ name: 'edit', id: r.id })} aria-describedby={headingId}>
            {t.edit}
          </button>
          <button type="button" className="small quiet-danger" onClick={onDelete} aria-describedby={headingId}>
            {t.delete}
          </button>
        </div>
      )}
    </li>
  )
}

type SurveyItem = { id: string; title: string; kind: string; responseStatus: 'none' | 'in_progress' | 'complete' }

/** The participant's open questionnaires; nothing is shown when there are none (or offline). */
function SurveyList() {
  const { t, navigate } = useApp()
  const [items, setItems] = useState<SurveyItem[]>([])
  useEffect(() => {
    let live = true
    const fetchList = () =>
      api<{ items: SurveyItem[] }>('GET', '/surveys')
        .then(({ data }) => live && Array.isArray(data?.items) && setItems(data.items))
        .catch(() => undefined)
    void fetchList()
    // a questionnaire finished offline has just been sent: its status changed
    window.addEventListener(SURVEYS_CHANGED, fetchList)
    return () => {
      live = false
      window.removeEventListener(SURVEYS_CHANGED, fetchList)
    }
  }, [])
  if (items.length === 0) return null
  return (
    <section aria-labelledby="surveys-heading" className="surveys">
      <h2 id="surveys-heading">{t.surveys}</h2>
      <ul className="survey-list">
        {items.map((s) => (
          <li key={s.id} className="survey-item">
            <span className="survey-name" id={`survey-${s.id}`}>
              {s.title}
            </span>
            {s.responseStatus === 'complete' ? (
              <span className="survey-done">{t.surveyDoneBadge}</span>
            ) : (
              <button type="button" className="small primary" aria-describedby={`survey-${s.id}`} onClick={() => navigate({ name: 'survey', id: s.id })}>
                {s.responseStatus === 'in_progress' ? t.surveyContinue : t.surveyStart}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
