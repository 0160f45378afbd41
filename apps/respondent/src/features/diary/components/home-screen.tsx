import { useEffect, useState } from 'react'
import { api } from '../../../lib/api-client'
import { ConfirmDialog } from '../../../components/confirm-dialog'
import { describeProblem } from './entry-problem'
import { EntryView } from './entry-view'
import { SyncStatus } from './sync-status'
import { useApp, useScreenHeading } from '../../../lib/context'
import { clearDraft, type Draft, loadDraft } from '../api/draft'
import { formatDay } from '../../../lib/i18n'
import { contentOf, deleteEntry, retry, type Snapshot, visibleRecords } from '../api/entry-store'
import { listRefused, readCopy, SURVEYS_CHANGED } from '../../survey'
import type { LocalRecord } from '../../../lib/types'
import { Header } from '../../../components/header'

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
              <button
                type="button"
                className="primary"
                onClick={() => navigate(draft.mode === 'new' ? { name: 'new' } : { name: 'edit', id: draft.id })}
              >
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
            <EntryCard
              key={r.id}
              r={r}
              editable={open}
              onDelete={() => setDeleting(r.id)}
              onRetry={() => void retry(r.id)}
            />
          ))}
        </ul>
        <p className="my-data-link">
          <a href="#/my-data">{t.myDataLink}</a>
        </p>
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

function EntryCard({
  r,
  editable,
  onDelete,
  onRetry,
}: {
  r: LocalRecord
  editable: boolean
  onDelete: () => void
  onRetry: () => void
}) {
  const { t, navigate } = useApp()
  const c = contentOf(r)
  const headingId = `entry-${r.id}`
  const failure = r.failure && !r.conflict ? r.failure : null
  const edit = editable && !r.conflict && c && (
    <button
      type="button"
      className={`small${failure ? ' primary' : ''}`}
      onClick={() => navigate({ name: 'edit', id: r.id })}
      aria-describedby={headingId}
    >
      {t.edit}
    </button>
  )
  const remove = editable && !r.conflict && c && (
    <button type="button" className="small quiet-danger" onClick={onDelete} aria-describedby={headingId}>
      {t.delete}
    </button>
  )
  const problem = failure && describeProblem(t, failure, r.pending?.kind === 'put' ? r.pending.content : null)
  return (
    <li
      className={`entry${r.pending ? ' entry-pending' : ''}${r.conflict ? ' entry-conflict' : ''}${failure ? ' entry-failed' : ''}`}
      data-testid="entry"
      data-entry-id={r.id}
    >
      {c && <EntryView content={c} photo={r.pending?.kind === 'put' ? r.pending.photo : null} headingId={headingId} />}
      {r.conflict ? (
        <div className="entry-status status-conflict">
          <span>{t.conflictBadge}</span>
          <button type="button" className="small" onClick={() => navigate({ name: 'conflict', id: r.id })}>
            {t.chooseVersion}
          </button>
        </div>
      ) : failure && problem ? (
        // parked: it waits for the participant, so say what is wrong and offer every way out here
        <div className="entry-problem" data-testid="entry-problem">
          <p className="entry-status status-failed">
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
              <path d="M8 1.5l7 12.5H1z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
              <path d="M8 6v3.8M8 12h.01" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
            {t.failTitle}
          </p>
          <p className="problem-what">{problem.what}</p>
          {problem.fix && <p className="problem-fix">{problem.fix}</p>}
          {(edit || failure.code !== 'DIARY_CLOSED') && (
            <div className="entry-actions">
              {edit}
              {failure.code !== 'DIARY_CLOSED' && (
                <button type="button" className="small" onClick={onRetry} aria-describedby={headingId}>
                  {t.retry}
                </button>
              )}
              {remove}
            </div>
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
      {!failure && edit && (
        <div className="entry-actions">
          {edit}
          {remove}
        </div>
      )}
    </li>
  )
}

type SurveyItem = { id: string; title: string; kind: string; responseStatus: 'none' | 'in_progress' | 'complete' }

/**
 * The participant's open questionnaires; nothing is shown when there are none (or offline). One
 * whose answers the server refused says so, also offline: it waits on this device to be fixed.
 */
function SurveyList() {
  const { t, navigate } = useApp()
  const [items, setItems] = useState<SurveyItem[]>([])
  const [refused, setRefused] = useState<SurveyItem[]>([])
  useEffect(() => {
    let live = true
    const fetchList = () => {
      api<{ items: SurveyItem[] }>('GET', '/surveys')
        .then(({ data }) => live && Array.isArray(data?.items) && setItems(data.items))
        .catch(() => undefined)
      const withTitle = async (surveyId: string): Promise<SurveyItem> => {
        const copy = await readCopy('participant', surveyId).catch(() => undefined)
        return { id: surveyId, title: copy?.survey.title ?? '', kind: 'survey', responseStatus: 'in_progress' }
      }
      listRefused('participant')
        .then((rs) => Promise.all(rs.map((r) => withTitle(r.surveyId))))
        .then((list) => live && setRefused(list))
        .catch(() => undefined)
    }
    void fetchList()
    // a questionnaire finished offline has just been sent: its status changed
    window.addEventListener(SURVEYS_CHANGED, fetchList)
    return () => {
      live = false
      window.removeEventListener(SURVEYS_CHANGED, fetchList)
    }
  }, [])
  const fix = new Set(refused.map((r) => r.id))
  const rows = [...items, ...refused.filter((r) => !items.some((i) => i.id === r.id))]
  if (rows.length === 0) return null
  return (
    <section aria-labelledby="surveys-heading" className="surveys">
      <h2 id="surveys-heading">{t.surveys}</h2>
      <ul className="survey-list">
        {rows.map((s) => {
          const refusedHere = fix.has(s.id) && s.responseStatus !== 'complete'
          return (
            <li key={s.id} className={`survey-item${refusedHere ? ' survey-refused' : ''}`} data-testid="survey-item">
              <div>
                <span className="survey-name" id={`survey-${s.id}`}>
                  {s.title || t.surveyTitle}
                </span>
                {refusedHere && (
                  <p className="survey-problem" id={`survey-${s.id}-problem`}>
                    {t.surveyRefused}
                  </p>
                )}
              </div>
              {s.responseStatus === 'complete' ? (
                <span className="survey-done">{t.surveyDoneBadge}</span>
              ) : (
                <button
                  type="button"
                  className="small primary"
                  aria-describedby={refusedHere ? `survey-${s.id} survey-${s.id}-problem` : `survey-${s.id}`}
                  onClick={() => navigate({ name: 'survey', id: s.id })}
                >
                  {refusedHere ? t.surveyFix : s.responseStatus === 'in_progress' ? t.surveyContinue : t.surveyStart}
                </button>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
