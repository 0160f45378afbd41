import { VALENCES, type CodingValence } from '@klantreis/shared/coding'
import type { ReactNode, RefObject } from 'react'
import { ErrorAlert, Notice } from '../../../components/ui/alert'
import { useCodingI18n } from '../i18n'
import type { codeTree } from './code-tree'
import type { Draft } from './coding-draft'
import type { Span } from './spans'
import { TouchpointPicker, type TouchpointOption } from './touchpoint-picker'

type Props = {
  draft: Draft
  selection: Span | null
  selectedQuote: string
  canEdit: boolean
  tpRef: RefObject<HTMLInputElement | null>
  textRef: RefObject<HTMLDivElement | null>
  touchpointOptions: TouchpointOption[]
  codesLoaded: boolean
  codeList: ReturnType<typeof codeTree>
  message: { tone: 'info' | 'success'; text: string } | null
  error: unknown
  conflictBox: ReactNode
  saving: boolean
  deleting: boolean
  onTouchpoint: (touchpointId: string | null) => void
  setValence: (v: CodingValence) => void
  toggleCode: (id: string) => void
  save: () => void
  remove: () => void
  onNewDraft: () => void
}

/** The coding panel: the selection, its touchpoint, valence and codes, and save / delete / new. */
export function CodingPanel({
  draft,
  selection,
  selectedQuote,
  canEdit,
  tpRef,
  textRef,
  touchpointOptions,
  codesLoaded,
  codeList,
  message,
  error,
  conflictBox,
  saving,
  deleting,
  onTouchpoint,
  setValence,
  toggleCode,
  save,
  remove,
  onNewDraft,
}: Props) {
  const { t } = useCodingI18n()
  return (
    <section className="panel workbench__panel stack" aria-labelledby="coding-panel-heading">
      <h3 id="coding-panel-heading">{t.coding.panel}</h3>
      <p className="muted">
        {draft.baseVersion === null ? t.coding.newCoding : t.coding.editingCoding(draft.coder ?? '?')}
      </p>
      <div className="coding-selection-box">
        <p className="field__label">{t.coding.selection}</p>
        {selection ? (
          <blockquote className="coding-quote">“{selectedQuote}”</blockquote>
        ) : (
          <p className="muted">{t.coding.noSelection}</p>
        )}
      </div>
      <TouchpointPicker
        ref={tpRef}
        options={touchpointOptions}
        value={draft.touchpointId}
        onChange={onTouchpoint}
        onDone={() => textRef.current?.focus({ preventScroll: true })}
        disabled={!canEdit}
      />
      <div role="group" aria-labelledby="coding-valence-label" className="stack stack--sm">
        <p id="coding-valence-label" className="field__label">
          {t.coding.valence}
        </p>
        <div className="valence-buttons">
          {VALENCES.map((v) => (
            <button
              key={v}
              type="button"
              className={`btn btn--small valence-btn valence-btn--${v}`}
              aria-pressed={draft.valence === v}
              disabled={!canEdit}
              onClick={() => setValence(v)}
              aria-keyshortcuts={v[0]}
            >
              {t.coding.valences[v]} <kbd>{v[0]!.toUpperCase()}</kbd>
            </button>
          ))}
        </div>
      </div>
      <fieldset className="fieldset" disabled={!canEdit}>
        <legend className="field__label">{t.coding.codes}</legend>
        {codesLoaded && codeList.length === 0 ? <p className="muted">{t.coding.noCodes}</p> : null}
        <ul className="code-checks">
          {codeList.map(({ code, depth }) => (
            <li key={code.id} style={{ paddingLeft: `${depth * 1.1}rem` }}>
              <label className="choice">
                <input
                  type="checkbox"
                  checked={draft.codeIds.includes(code.id)}
                  onChange={() => toggleCode(code.id)}
                  aria-keyshortcuts={code.shortcut ?? undefined}
                />
                <span className="code-swatch" style={{ backgroundColor: code.colour }} aria-hidden="true" />
                <span>{code.name}</span>
                {code.shortcut ? <kbd>{code.shortcut.toUpperCase()}</kbd> : null}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      {error ? <ErrorAlert error={error} /> : null}
      {conflictBox}
      {canEdit ? (
        <div className="form-actions form-actions--start">
          <button type="button" className="btn btn--primary" onClick={save} disabled={saving} aria-keyshortcuts="s">
            {saving ? t.common.saving : t.coding.save} <kbd>S</kbd>
          </button>
          {draft.baseVersion !== null ? (
            <button
              type="button"
              className="btn btn--ghost btn--danger-text"
              onClick={remove}
              disabled={deleting}
              aria-keyshortcuts="Delete"
            >
              {t.coding.deleteCoding} <kbd>Delete</kbd>
            </button>
          ) : null}
          <button type="button" className="btn btn--ghost" onClick={onNewDraft} aria-keyshortcuts="Escape">
            {t.coding.newDraft} <kbd>Esc</kbd>
          </button>
        </div>
      ) : null}
    </section>
  )
}
