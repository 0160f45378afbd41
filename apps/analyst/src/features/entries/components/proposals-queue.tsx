import type { ResolveProposalBody } from '@klantreis/shared/diary'
import type { JourneyModel } from '@klantreis/shared/journey'
import { useId, useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { Dialog } from '../../../components/ui/dialog'
import { SelectField, TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useEntriesI18n } from '../i18n'
import { useProposals, useResolveProposal } from '../api/proposals'

type Proposal = NonNullable<ReturnType<typeof useProposals>['data']>['items'][number]
type Mode = 'accept' | 'merge' | 'reject'
/** A long queue shows its first few (newest first, as the server sends them); the rest is one click away. */
const COLLAPSED = 5
type Resolution = 'accepted' | 'merged' | 'rejected'

type Props = { studyId: string; model: JourneyModel | undefined; canEdit: boolean; onResolved: (r: Resolution) => void }

/** The "something else" contacts waiting for a decision; hidden when there are none. */
export function ProposalsQueue({ studyId, model, canEdit, onResolved }: Props) {
  const { t, formatDate } = useEntriesI18n()
  const proposals = useProposals(studyId)
  const [working, setWorking] = useState<{ proposal: Proposal; mode: Mode } | null>(null)
  const [expanded, setExpanded] = useState(false)
  const pending = (proposals.data?.items ?? []).filter((p) => p.status === 'pending')
  const shown = expanded ? pending : pending.slice(0, COLLAPSED)

  if (proposals.isError) return <ErrorAlert error={proposals.error} />
  if (pending.length === 0) return null

  return (
    <section className="panel stack proposals" aria-labelledby="proposals-heading">
      <div>
        <h2 id="proposals-heading">
          {t.proposals.heading} <span className="count-badge">{pending.length}</span>
        </h2>
        <p className="muted section-intro">{t.proposals.intro}</p>
      </div>
      <ul className="proposal-list">
        {shown.map((p) => (
          <li key={p.id} className="proposal">
            <div className="proposal__body">
              <p className="proposal__description">“{p.description}”</p>
              <p className="proposal__meta">
                {t.proposals.entries(p.entryCount)} ·{' '}
                <time dateTime={p.createdAt}>{t.proposals.proposedOn(formatDate(p.createdAt))}</time>
              </p>
            </div>
            {canEdit ? (
              <div className="proposal__actions">
                {(['accept', 'merge', 'reject'] as const).map((mode) => (
                  <button
                    key={mode}
                    type="button"
                    className={`btn btn--small ${mode === 'accept' ? 'btn--primary' : mode === 'merge' ? 'btn--secondary' : 'btn--ghost btn--danger-text'}`}
                    onClick={() => setWorking({ proposal: p, mode })}
                  >
                    {t.proposals[mode]}
                    <span className="visually-hidden">: {p.description}</span>
                  </button>
                ))}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {pending.length > COLLAPSED ? (
        <div>
          <button
            type="button"
            className="btn btn--ghost btn--small"
            aria-expanded={expanded}
            onClick={() => setExpanded((e) => !e)}
          >
            {expanded ? t.proposals.showFewer : t.proposals.showAll(pending.length)}
          </button>
        </div>
      ) : null}
      <Dialog
        open={working !== null}
        title={
          working
            ? { accept: t.proposals.acceptTitle, merge: t.proposals.mergeTitle, reject: t.proposals.rejectTitle }[
                working.mode
              ]
            : ''
        }
        onClose={() => setWorking(null)}
      >
        {working ? (
          <ResolveForm
            key={`${working.proposal.id}-${working.mode}`}
            studyId={studyId}
            model={model}
            proposal={working.proposal}
            mode={working.mode}
            onCancel={() => setWorking(null)}
            onDone={(r) => {
              setWorking(null)
              onResolved(r)
            }}
          />
        ) : null}
      </Dialog>
    </section>
  )
}

type FormProps = {
  studyId: string
  model: JourneyModel | undefined
  proposal: Proposal
  mode: Mode
  onCancel: () => void
  onDone: (r: Resolution) => void
}

function ResolveForm({ studyId, model, proposal, mode, onCancel, onDone }: FormProps) {
  const { t } = useEntriesI18n()
  const resolve = useResolveProposal(studyId)
  const stages = model?.stages ?? []
  const [stageId, setStageId] = useState(stages[0]?.id ?? '')
  const [name, setName] = useState(proposal.description.slice(0, 200))
  const [touchpointId, setTouchpointId] = useState('')
  const selectId = useId()
  const mergeError = fieldError(resolve.error, 'touchpointId')

  const submit = (e: FormEvent) => {
    e.preventDefault()
    let body: ResolveProposalBody
    if (mode === 'accept') body = { action: 'accept', stageId, ...(name.trim() ? { name: name.trim() } : {}) }
    else if (mode === 'merge') body = { action: 'merge', touchpointId }
    else body = { action: 'reject' }
    resolve.mutate(
      { proposalId: proposal.id, body },
      { onSuccess: () => onDone(mode === 'accept' ? 'accepted' : mode === 'merge' ? 'merged' : 'rejected') },
    )
  }

  const blocked = (mode === 'accept' && !stageId) || (mode === 'merge' && !touchpointId)

  return (
    <form onSubmit={submit} noValidate className="stack">
      <p className="proposal__description">“{proposal.description}”</p>
      <p className="muted">
        {{ accept: t.proposals.acceptIntro, merge: t.proposals.mergeIntro, reject: t.proposals.rejectIntro }[mode]}
      </p>
      <ErrorAlert error={resolve.error} />
      {mode === 'accept' ? (
        stages.length === 0 ? (
          <p className="muted">{t.proposals.noStages}</p>
        ) : (
          <>
            <SelectField
              label={t.proposals.stage}
              value={stageId}
              options={stages.map((s) => ({ value: s.id, label: s.name }))}
              onChange={setStageId}
              error={fieldError(resolve.error, 'stageId')}
            />
            <TextField
              label={t.proposals.name}
              value={name}
              onChange={setName}
              error={fieldError(resolve.error, 'name')}
              maxLength={200}
              required
              autoFocus
            />
          </>
        )
      ) : null}
      {mode === 'merge' ? (
        (model?.touchpoints.length ?? 0) === 0 ? (
          <p className="muted">{t.proposals.noTouchpoints}</p>
        ) : (
          <div className={`field${mergeError ? ' field--invalid' : ''}`}>
            <label htmlFor={selectId} className="field__label">
              {t.proposals.touchpoint}
            </label>
            <select
              id={selectId}
              className="input input--select"
              value={touchpointId}
              onChange={(e) => setTouchpointId(e.target.value)}
              aria-invalid={mergeError ? true : undefined}
              autoFocus
            >
              <option value="">{t.proposals.chooseTouchpoint}</option>
              {stages.map((s) => (
                <optgroup key={s.id} label={s.name}>
                  {(model?.touchpoints ?? [])
                    .filter((tp) => tp.stageId === s.id)
                    .sort((a, b) => a.position - b.position)
                    .map((tp) => (
                      <option key={tp.id} value={tp.id}>
                        {tp.name}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
            {mergeError ? <p className="field__error">{mergeError}</p> : null}
          </div>
        )
      ) : null}
      <div className="form-actions">
        <button type="button" className="btn btn--secondary" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button
          type="submit"
          className={`btn ${mode === 'reject' ? 'btn--danger' : 'btn--primary'}`}
          disabled={resolve.isPending || blocked}
        >
          {resolve.isPending
            ? t.common.saving
            : { accept: t.proposals.confirmAccept, merge: t.proposals.confirmMerge, reject: t.proposals.confirmReject }[
                mode
              ]}
        </button>
      </div>
    </form>
  )
}
