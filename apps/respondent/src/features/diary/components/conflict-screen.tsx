import { useEffect } from 'react'
import { EntryView } from './entry-view'
import { useApp, useScreenHeading } from '../../../lib/context'
import { contentOf, fromServer, keepMine, type Snapshot, takeTheirs } from '../api/entry-store'
import { Header } from '../../../components/header'

/** Two versions of one entry, side by side: the participant decides, nothing is overwritten silently. */
export function ConflictScreen({ id, snap }: { id: string; snap: Snapshot }) {
  const { t, navigate } = useApp()
  const h = useScreenHeading(t.conflictTitle)
  const r = snap.records.find((x) => x.id === id)
  const home = () => navigate({ name: 'home' })
  useEffect(() => {
    // resolved (here or in another tab): back to the list
    if (snap.loaded && !r?.conflict) navigate({ name: 'home' }, { replace: true })
  }, [snap.loaded, r?.conflict, navigate])
  if (!r?.conflict || !r.pending) return null

  const theirs = r.conflict.server
  const mineDeleted = r.pending.kind === 'delete'
  const mine = contentOf(r)
  const intro = mineDeleted ? t.conflictDeleteIntro : theirs ? t.conflictIntro : t.conflictGoneIntro
  const resolve = async (fn: (id: string) => Promise<void>) => {
    await fn(id)
    home()
  }
  return (
    <>
      <Header back={home} />
      <main className="page" id="main">
        <h1 ref={h} tabIndex={-1}>
          {t.conflictTitle}
        </h1>
        <p>{intro}</p>
        <div className="versions">
          <section className="version" aria-labelledby="v-mine">
            <h2 id="v-mine" className="version-label">
              {t.yourVersion}
            </h2>
            {mineDeleted || !mine ? (
              <p className="muted">{t.yourDeleted}</p>
            ) : (
              <div className="entry">
                <EntryView content={mine} photo={r.pending.kind === 'put' ? r.pending.photo : null} />
              </div>
            )}
            <button type="button" className="primary" onClick={() => void resolve(keepMine)}>
              {mineDeleted ? t.keepMineDelete : t.keepMine}
            </button>
          </section>
          <section className="version" aria-labelledby="v-theirs">
            <h2 id="v-theirs" className="version-label">
              {t.otherVersion}
            </h2>
            {theirs ? (
              <div className="entry">
                <EntryView content={{ ...fromServer(theirs), proposal: theirs.proposal }} photo={null} />
              </div>
            ) : (
              <p className="muted">{t.otherDeleted}</p>
            )}
            <button type="button" onClick={() => void resolve(takeTheirs)}>
              {theirs ? t.takeTheirs : t.takeTheirsDeleted}
            </button>
          </section>
        </div>
      </main>
    </>
  )
}
