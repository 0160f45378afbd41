import type { Me } from '@klantreis/shared/auth'
import type { Coding, Source } from '@klantreis/shared/coding'
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { Notice } from '../../../components/ui/alert'
import { useCodingI18n } from '../i18n'
import { useHashQuery } from '../../../lib/routes'
import { useProposals } from '../../entries'
import { useJourneyModel } from '../../journey-model'
import { useParticipantOptions } from '../../participants'
import {
  EMPTY_SOURCE_FILTERS,
  useCodes,
  useCodingProgress,
  useCodingsOf,
  useSamples,
  useSources,
  type SourceFilters,
} from '../api/coding'
import { codeTree, VALENCE_COLOURS } from './code-tree'
import { CodingList } from './coding-list'
import { CodingPanel } from './coding-panel'
import { newDraft } from './coding-draft'
import { ConflictBox } from './conflict-box'
import { KeyHelpDialog } from './key-help-dialog'
import { SourceQueue } from './source-queue'
import { SourceHeader } from './source-header'
import { SourceText } from './source-text'
import type { TouchpointOption } from './touchpoint-picker'
import { SuggestionLine } from './suggestion-line'
import { useCodingDraft } from './use-coding-draft'
import { useWorkbenchKeys } from './use-workbench-keys'
import { WorkbenchBar } from './workbench-bar'

export function Workbench({ studyId, canEdit, me }: { studyId: string; canEdit: boolean; me: Me }) {
  const { t, formatDate } = useCodingI18n()
  const hashQuery = useHashQuery()
  const sampleId = hashQuery.get('sample') ?? ''
  const wantedSource = hashQuery.get('source')
  const [filters, setFilters] = useState<SourceFilters>(EMPTY_SOURCE_FILTERS)
  const sources = useSources(studyId, filters, sampleId)
  const progress = useCodingProgress(studyId, sampleId)
  const model = useJourneyModel(studyId)
  const participants = useParticipantOptions(studyId)
  const codes = useCodes(studyId)
  const samples = useSamples(studyId)
  const proposals = useProposals(studyId)

  const items = useMemo(() => sources.data?.pages.flatMap((p) => p.items) ?? [], [sources.data])
  const [currentRef, setCurrentRef] = useState<string | null>(wantedSource)
  useEffect(() => {
    if (wantedSource) setCurrentRef(wantedSource)
  }, [wantedSource])
  // the queue's first source until the researcher picks one
  const current: Source | undefined =
    items.find((s) => s.ref === currentRef) ?? (currentRef === null || !wantedSource ? items[0] : undefined)
  const index = current ? items.indexOf(current) : -1
  const codings = useCodingsOf(studyId, current?.ref ?? null, sampleId)
  const text = current?.text ?? ''

  const {
    cursor,
    cursorRef,
    draft,
    setDraft,
    draftRef,
    setSelection,
    message,
    setMessage,
    error,
    conflict,
    setConflict,
    reset,
    selectCoding,
    put,
    save,
    remove,
    applySuggestion,
    toggleCode,
    setValence,
    select,
    moveTo,
    saving,
    deleting,
  } = useCodingDraft({ studyId, sampleId, canEdit, current })
  const { caret, selection } = cursor
  const [helpOpen, setHelpOpen] = useState(false)
  const textRef = useRef<HTMLDivElement>(null)
  const tpRef = useRef<HTMLInputElement>(null)
  const keysHintId = useId()

  const touchpointOptions: TouchpointOption[] = useMemo(() => {
    const stages = model.data?.stages ?? []
    return (model.data?.touchpoints ?? [])
      .map((tp) => ({ tp, stageIndex: stages.findIndex((s) => s.id === tp.stageId) }))
      .sort((a, b) => a.stageIndex - b.stageIndex || a.tp.position - b.tp.position)
      .map(({ tp, stageIndex }) => ({ id: tp.id, name: tp.name, stage: stages[stageIndex]?.name ?? '' }))
  }, [model.data])
  const tpName = useCallback(
    (id: string | null) => (id ? (touchpointOptions.find((o) => o.id === id)?.name ?? '?') : null),
    [touchpointOptions],
  )
  const codeList = useMemo(() => codeTree(codes.data?.items ?? []), [codes.data])
  const codeById = useMemo(() => new Map((codes.data?.items ?? []).map((c) => [c.id, c])), [codes.data])
  const sample = samples.data?.items.find((s) => s.id === sampleId)
  const mySamples = (samples.data?.items ?? []).filter((s) => s.coders.some((c) => c.id === me.user.id))
  const pendingProposals = (proposals.data?.items ?? []).filter((p) => p.status === 'pending').length
  // blind double coding also outside the sample view: a coder of a sample does not see the other coder's codings in it
  const blindTo = new Set(mySamples.map((x) => x.id))
  const codingItems = (codings.data?.items ?? []).filter(
    (c) => !(c.sampleId && blindTo.has(c.sampleId) && c.coder?.id !== me.user.id),
  )

  // a new source: start over (before the next key is read), and put the keys on its text
  const currentKey = current?.ref
  useLayoutEffect(() => {
    reset()
    if (currentKey && !document.activeElement?.closest('input, select, textarea'))
      textRef.current?.focus({ preventScroll: true })
  }, [currentKey, reset])

  const go = useCallback(
    (delta: 1 | -1) => {
      if (index < 0) return
      const next = items[index + delta]
      if (next) {
        setCurrentRef(next.ref)
        setMessage(null)
      } else if (delta === 1 && sources.hasNextPage) void sources.fetchNextPage()
    },
    [index, items, sources, setMessage],
  )

  useWorkbenchKeys({
    hasSource: Boolean(current),
    text,
    canEdit,
    cursorRef,
    draftRef,
    codingItems,
    codes: codes.data?.items,
    openHelp: () => setHelpOpen(true),
    go,
    select,
    moveTo,
    clear: () => {
      setSelection(null)
      setDraft(newDraft())
      setConflict(null)
    },
    selectCoding,
    applySuggestion,
    setValence,
    focusTouchpoint: () => tpRef.current?.focus(),
    save,
    remove,
    toggleCode,
  })

  const colourOf = (c: Coding | undefined) => {
    if (!c) return '#8a96a8'
    const code = c.codeIds.map((id) => codeById.get(id)).find(Boolean)
    return code?.colour ?? (c.valence ? VALENCE_COLOURS[c.valence] : '#8a96a8')
  }
  const suggestion = current?.suggestion
  // in a sample, its own count (a source's codingCount also counts codings made outside the sample)
  const sampleCoder = sample?.coders.find((c) => c.id === me.user.id)
  const mine = !canEdit
    ? null
    : sampleId
      ? sample && sampleCoder
        ? { coded: sampleCoder.coded, total: sample.size }
        : null
      : (progress.data ?? null)
  const selectedQuote = selection ? text.slice(selection.start, selection.end) : ''

  return (
    <div className="stack">
      <WorkbenchBar
        studyId={studyId}
        sampleId={sampleId}
        sampleName={sample?.name}
        canEdit={canEdit}
        mine={mine}
        pendingProposals={pendingProposals}
        keysHintId={keysHintId}
        onHelp={() => setHelpOpen(true)}
      />

      <div className="workbench">
        {/* ---------- the queue ---------- */}
        <SourceQueue
          studyId={studyId}
          sampleId={sampleId}
          filters={filters}
          setFilters={setFilters}
          touchpointOptions={touchpointOptions}
          personas={model.data?.personas ?? []}
          participants={participants.data?.items ?? []}
          mySamples={mySamples}
          sources={sources}
          items={items}
          currentRef={current?.ref}
          onPick={(ref) => {
            setCurrentRef(ref)
            setMessage(null)
          }}
        />

        {/* ---------- the text ---------- */}
        <section className="panel workbench__source stack" aria-labelledby="coding-source-heading">
          <SourceHeader
            title={current ? t.coding.sourceOf(index + 1, items.length) : t.coding.source}
            canPrev={index > 0}
            canNext={!(index < 0 || (index >= items.length - 1 && !sources.hasNextPage))}
            onPrev={() => go(-1)}
            onNext={() => go(1)}
          />
          {wantedSource && !current && sources.data ? <Notice>{t.coding.notInQueue}</Notice> : null}
          {current ? (
            <>
              <p className="muted source-meta">
                {current.participant?.pseudonym ?? t.coding.anonymous} · {t.coding.kinds[current.kind]}
                {current.occurredAt ? (
                  <>
                    {' '}
                    · <time dateTime={current.occurredAt}>{formatDate(current.occurredAt)}</time>
                  </>
                ) : null}
              </p>
              {current.context ? <p className="source-context">{current.context}</p> : null}
              <SourceText
                textRef={textRef}
                sourceRef={current.ref}
                text={text}
                codingItems={codingItems}
                currentId={draft.id}
                selection={selection}
                caret={caret}
                colourOf={colourOf}
                describedBy={keysHintId}
                onSelect={select}
              />
              <SuggestionLine suggestion={suggestion} tpName={tpName} canEdit={canEdit} onApply={applySuggestion} />
              <p className="visually-hidden" role="status">
                {selection ? `${t.coding.selected(selection.end - selection.start)}: ${selectedQuote}` : ''}
              </p>

              <CodingList
                codings={codings}
                codingItems={codingItems}
                currentId={draft.id}
                colourOf={colourOf}
                tpName={tpName}
                codeById={codeById}
                onSelect={selectCoding}
              />
            </>
          ) : null}
        </section>

        {/* ---------- the coding panel ---------- */}
        <CodingPanel
          draft={draft}
          selection={selection}
          selectedQuote={selectedQuote}
          canEdit={canEdit}
          tpRef={tpRef}
          textRef={textRef}
          touchpointOptions={touchpointOptions}
          codesLoaded={Boolean(codes.data)}
          codeList={codeList}
          message={message}
          error={error}
          conflictBox={
            conflict ? (
              <ConflictBox
                conflict={conflict}
                tpName={tpName}
                codeById={codeById}
                onRetry={(c) => put(conflict.codingId, { ...conflict.body, baseVersion: c.version })}
                onKeepTheirs={(c) => selectCoding(c)}
                onSaveAsNew={() => put(crypto.randomUUID(), { ...conflict.body, baseVersion: null })}
              />
            ) : null
          }
          saving={saving}
          deleting={deleting}
          onTouchpoint={(touchpointId) => setDraft((d) => ({ ...d, touchpointId }))}
          setValence={setValence}
          toggleCode={toggleCode}
          save={save}
          remove={remove}
          onNewDraft={() => (setDraft(newDraft()), setSelection(null), setConflict(null))}
        />
      </div>

      <KeyHelpDialog open={helpOpen} onClose={() => setHelpOpen(false)} codeList={codeList} />
    </div>
  )
}
